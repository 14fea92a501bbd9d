package dev.pavu.updater.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns an {@link ApiException} into its status and a JSON {@link Problem} body. */
public class ProblemMapper {

    /**
     * @param e the exception
     * @return the error answer
     */
    @ServerExceptionMapper
    public Response map(ApiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.problem()).build();
    }
}
