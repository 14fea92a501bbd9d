/**
 * Unified diffs with a path policy: {@link dev.pavu.workspace.diff.UnifiedDiffs} parses, checks, applies
 * (all or nothing), creates and hashes diffs; {@link dev.pavu.workspace.diff.PathPolicy} decides which paths a
 * diff may touch; refusals are {@link dev.pavu.workspace.diff.PatchRejectedException}s whose messages say what to fix.
 */
package dev.pavu.workspace.diff;
