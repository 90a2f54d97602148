package org.dirstore.web;

import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.dirstore.demo.Account;
import org.dirstore.demo.LedgerException;
import org.dirstore.demo.LedgerService;
import org.dirstore.demo.Retry;
import org.dirstore.demo.Transfer;

/** REST endpoints of the ledger demo; see docs/quickstart.md for curl lines. */
@RequestScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    @EJB
    LedgerService ledger;

    /** {@code GET /api/accounts}: all accounts. */
    @GET
    @Path("accounts")
    public List<Account> accounts() {
        return ledger.accounts();
    }

    /** {@code POST /api/accounts?id=alice&balance=100}: opens an account. */
    @POST
    @Path("accounts")
    public Response open(@QueryParam("id") String id, @QueryParam("balance") @DefaultValue("0") long balance)
            throws LedgerException {
        return Response.status(Response.Status.CREATED).entity(ledger.openAccount(id, balance)).build();
    }

    /** {@code GET /api/accounts/alice}: one account. */
    @GET
    @Path("accounts/{id}")
    public Account account(@PathParam("id") String id) throws LedgerException {
        return ledger.account(id);
    }

    /** {@code GET /api/accounts/alice/transfers?limit=20}: newest transfers of an account. */
    @GET
    @Path("accounts/{id}/transfers")
    public List<Transfer> transfers(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("20") int limit)
            throws LedgerException {
        return ledger.transfers(id, Math.max(1, Math.min(limit, 1000)));
    }

    /** {@code POST /api/transfers?from=alice&to=bob&amount=5}: moves money; retried on write conflicts. */
    @POST
    @Path("transfers")
    public Transfer transfer(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("amount") long amount) throws LedgerException {
        if (from == null || to == null) {
            throw new LedgerException(LedgerException.Reason.INVALID, "give from, to and amount");
        }
        return ledger.transfer(from, to, amount);
    }

    /** {@code GET /api/transfers/123}: a transfer by oid. */
    @GET
    @Path("transfers/{oid}")
    public Response transfer(@PathParam("oid") long oid) {
        Transfer t = ledger.findTransfer(oid);
        return t == null ? Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no transfer " + oid)).build()
                : Response.ok(t).build();
    }

    /** {@code GET /api/total}: sum of all balances and number of accounts, from one snapshot. */
    @GET
    @Path("total")
    public Map<String, Long> total() {
        List<Account> all = ledger.accounts();
        return Map.of("total", all.stream().mapToLong(Account::getBalance).sum(), "accounts", (long) all.size());
    }

    /** Maps refused requests to 404/409/400 with the reason. */
    @Provider
    public static class LedgerExceptionMapper implements ExceptionMapper<LedgerException> {
        @Override
        public Response toResponse(LedgerException e) {
            Response.Status s = switch (e.reason()) {
                case UNKNOWN_ACCOUNT -> Response.Status.NOT_FOUND;
                case INSUFFICIENT_FUNDS, ACCOUNT_EXISTS -> Response.Status.CONFLICT;
                case INVALID -> Response.Status.BAD_REQUEST;
            };
            return Response.status(s).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", e.getMessage(), "reason", e.reason().name())).build();
        }
    }

    /** A conflict that outlived the retries answers 503 so that the client may try again. */
    @Provider
    public static class EjbExceptionMapper implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            boolean conflict = Retry.isConflict(e);
            return Response.status(conflict ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.INTERNAL_SERVER_ERROR)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", String.valueOf(e.getMessage()), "conflict", String.valueOf(conflict))).build();
        }
    }
}
