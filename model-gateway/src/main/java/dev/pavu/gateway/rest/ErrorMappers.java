package dev.pavu.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pavu.gateway.openai.ErrorBody;
import dev.pavu.gateway.service.GatewayException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes every error of the {@code /v1} API as an OpenAI-style {@code {"error":{"message","type","code"}}}. */
public class ErrorMappers {

    /**
     * @param e a refused or failed call
     * @return its status and error body
     */
    @ServerExceptionMapper
    public Response gateway(GatewayException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(e.getMessage(), e.type(), e.code())).build();
    }

    /**
     * @param e a body that is not JSON or does not have the request's shape
     * @return 400 invalid_request_error
     */
    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of("request body is not a valid chat completion request: " + e.getOriginalMessage(),
                        "invalid_request_error", "invalid_json")).build();
    }

    /**
     * @param e a JAX-RS error (unknown path, wrong method, unsupported media type, …)
     * @return the same status with an OpenAI-style body
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(message, type, "http_" + status)).build();
    }
}
