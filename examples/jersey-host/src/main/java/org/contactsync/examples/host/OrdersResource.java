package org.contactsync.examples.host;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Stands for whatever the host application already does; here, a list of orders for its staff. */
@Path("orders")
@Produces(MediaType.APPLICATION_JSON)
public final class OrdersResource {
    /** One order. */
    public record Order(String number, String customer, String status) {
    }

    /** What the host answers: the orders and who asked. */
    public record Orders(String user, List<Order> orders) {
    }

    @GET
    @RolesAllowed(HostUser.STAFF)
    public Orders list(@Context SecurityContext security) {
        return new Orders(security.getUserPrincipal().getName(), List.of(
                new Order("A-1001", "Lovelace Ltd", "shipped"),
                new Order("A-1002", "Hopper & Co", "open")));
    }
}
