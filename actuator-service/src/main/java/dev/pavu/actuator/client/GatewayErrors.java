package dev.pavu.actuator.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns the gateway's error answers into {@link GatewayException}s with its message and code. */
public class GatewayErrors implements ResponseExceptionMapper<GatewayException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public GatewayException toThrowable(Response response) {
        String body = "";
        try {
            body = response.readEntity(String.class);
        } catch (RuntimeException e) {
            // no body
        }
        String message = body == null || body.isBlank() ? "(no body)" : body.strip();
        String code = null;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isObject()) {
                message = error.path("message").asText(message);
                code = error.hasNonNull("code") ? error.get("code").asText() : null;
            }
        } catch (Exception e) {
            // not JSON: keep the text
        }
        if (message.length() > 1000) {
            message = message.substring(0, 1000) + "…";
        }
        return new GatewayException(response.getStatus(), code, message);
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
