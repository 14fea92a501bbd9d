package dev.pavu.gateway.rest;

import dev.pavu.gateway.client.Backend;
import dev.pavu.gateway.config.AliasSpec;
import dev.pavu.gateway.config.BackendSpec;
import dev.pavu.gateway.openai.ModelList;
import dev.pavu.gateway.service.ModelCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/models}: the configured aliases in OpenAI's model-list shape, each with its backends, their
 * limits and costs, and their live circuit-breaker state. With no model configured, {@code data} is empty
 * and {@code message} says which setting to set.
 */
@Path("/v1/models")
@Tag(name = "models")
public class ModelsResource {

    private final ModelCatalog catalog;

    /** @param catalog configured aliases */
    public ModelsResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** @return the aliases, in models-file order */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List model aliases and their backends")
    public ModelList list() {
        List<ModelList.Model> models = new ArrayList<>();
        for (String alias : catalog.aliases()) {
            AliasSpec spec = catalog.alias(alias).orElseThrow();
            List<ModelList.Backend> backends = new ArrayList<>();
            for (Backend b : catalog.backends(alias)) {
                BackendSpec s = b.spec();
                backends.add(new ModelList.Backend(s.id(), s.type().wireName(), s.baseUrl(), s.model(), s.contextWindow(),
                        s.maxOutputTokens(), s.temperature(), s.costPer1kIn(), s.costPer1kOut(), s.maxConcurrency(),
                        s.capability(), b.circuitState().name(), b.inFlight()));
            }
            models.add(new ModelList.Model(alias, "model", catalog.loadedAt(), "pavu", spec.description(), backends));
        }
        String message = models.isEmpty()
                ? "no model configured: set pavu.gateway.models-file (env PAVU_GATEWAY_MODELS_FILE) to a YAML file "
                + "that maps aliases to backends (now: " + catalog.location() + ")"
                : null;
        return new ModelList("list", models, message);
    }
}
