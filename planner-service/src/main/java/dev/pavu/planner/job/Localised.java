package dev.pavu.planner.job;

import dev.pavu.contracts.SuspiciousLocation;

import java.util.List;

/**
 * A failing baseline's fault localisation, computed by the caller before the transition (it reads the whole source).
 *
 * @param ranking suspicious locations, most suspicious first (may be empty)
 * @param problem why localisation could not use the source, or {@code null}
 */
public record Localised(List<SuspiciousLocation> ranking, String problem) {
}
