package org.mailhub.suppression;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RequestScoped
@Path("suppressions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suppressions", description = "Addresses mailhub never sends to again.")
public class SuppressionResource {

  @Inject SuppressionService suppressions;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Suppress an address by hand",
      description =
          "reason defaults to MANUAL; an address already suppressed keeps its first reason.")
  public Response add(@Valid @NotNull SuppressionRequest request) {
    return Response.status(201).entity(suppressions.add(request)).build();
  }

  @GET
  @Operation(summary = "Find one address (email=) or page through suppressions, newest first")
  public Response find(
      @QueryParam("email") String email,
      @QueryParam("reason") SuppressionReason reason,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(1000) int size) {
    if (email != null) {
      return Response.ok(List.of(suppressions.find(email))).build();
    }
    return Response.ok(suppressions.page(reason, page, size)).build();
  }
}
