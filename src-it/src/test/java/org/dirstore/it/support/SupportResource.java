package org.dirstore.it.support;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Drives {@link TxProbe} over HTTP: 200 committed, 409 application exception, 500 other rollback. */
@JMSDestinationDefinition(name = SupportResource.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "DirStoreIT")
@RequestScoped
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class SupportResource {
    static final String QUEUE = "java:app/jms/DirStoreIT";

    @EJB
    TxProbe probe;

    @EJB
    QueueReader reader;

    @EJB
    BmtProbe bmt;

    @POST
    @Path("write")
    public Response write(@QueryParam("key") String key, @QueryParam("value") String value,
            @QueryParam("mode") @DefaultValue("commit") String mode) {
        return outcome(() -> String.valueOf(probe.write(key, value, mode)));
    }

    @GET
    @Path("read")
    public Response read(@QueryParam("key") String key) {
        return probe.read(key).map(v -> Response.ok(v).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity("absent").build());
    }

    @POST
    @Path("jms")
    public Response jms(@QueryParam("key") String key, @QueryParam("value") String value,
            @QueryParam("mode") @DefaultValue("commit") String mode) {
        return outcome(() -> {
            probe.writeAndSend(key, value, mode);
            return "sent";
        });
    }

    @GET
    @Path("jms")
    public Response receive(@QueryParam("key") String key, @QueryParam("wait") @DefaultValue("2000") long wait) {
        String body = reader.receive(key, wait);
        return body == null ? Response.status(Response.Status.NOT_FOUND).entity("no message").build()
                : Response.ok(body).build();
    }

    @POST
    @Path("bmt")
    public Response bmt(@QueryParam("key") String key, @QueryParam("value") String value,
            @QueryParam("commit") boolean commit) {
        return outcome(() -> {
            bmt.handleAcrossBegin(key, value, commit);
            return commit ? "committed" : "rolled back";
        });
    }

    @POST
    @Path("local")
    public Response local(@QueryParam("key") String key, @QueryParam("value") String value,
            @QueryParam("commit") boolean commit) {
        return outcome(() -> {
            bmt.localTransaction(key, value, commit);
            return commit ? "committed" : "rolled back";
        });
    }

    @POST
    @Path("halt")
    public Response halt(@QueryParam("key") String key, @QueryParam("value") String value,
            @QueryParam("marker") String marker) {
        return outcome(() -> {
            probe.writeThenHalt(key, value, marker);
            return "committed without halting";
        });
    }

    private interface Call {
        String run() throws Exception;
    }

    private static Response outcome(Call call) {
        try {
            return Response.ok(call.run()).build();
        } catch (ProbeFailure e) {
            return Response.status(Response.Status.CONFLICT).entity("rolled back: " + e.getMessage()).build();
        } catch (EJBException e) {
            return Response.serverError().entity("rolled back: " + e).build();
        } catch (Exception e) {
            return Response.serverError().entity("failed: " + e).build();
        }
    }
}
