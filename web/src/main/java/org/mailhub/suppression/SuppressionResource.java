package org.mailhub.suppression;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mailhub.infrastructure.Page;
import org.mailhub.rest.AddressSearch;
import org.mailhub.rest.Created;
import org.mailhub.rest.PageQuery;

@RequestScoped
@Path("api/suppressions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suppressions", description = "Addresses mailhub never sends to again.")
public class SuppressionResource {

  @Inject SuppressionService suppressions;
  @Context UriInfo uri;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "addSuppression",
      summary = "Suppress an address by hand",
      description =
          "reason defaults to MANUAL; an address already suppressed keeps its first reason. The"
              + " address must be valid by the rule of profile imports (its domain has a dot), or"
              + " the answer is 400 naming the email field.")
  @APIResponse(
      responseCode = "201",
      description = "suppressed (or already suppressed: the suppression as it is)",
      content = @Content(schema = @Schema(implementation = SuppressionResponse.class)))
  public Response add(@Valid @NotNull SuppressionRequest request) {
    SuppressionResponse suppression = suppressions.add(request);
    return Created.at(uri, suppression.email(), suppression);
  }

  @GET
  @Operation(
      operationId = "listSuppressions",
      summary = "Page through suppressions, newest first",
      description =
          "email= finds addresses containing the text; reason= filters by reason. total counts"
              + " the suppressions of both filters.")
  public Page<SuppressionResponse> find(
      @BeanParam AddressSearch search,
      @QueryParam("reason") SuppressionReason reason,
      @Valid @BeanParam PageQuery paging) {
    return suppressions.page(search.text(), reason, paging.page(), paging.size());
  }

  @GET
  @Path("{email}")
  @Operation(
      operationId = "getSuppression",
      summary = "Whether one address is suppressed, and why (404 when it is not)")
  public SuppressionResponse get(@PathParam("email") String email) {
    return suppressions.find(email);
  }

  @DELETE
  @Path("{email}")
  @Operation(
      operationId = "removeSuppression",
      summary = "Resubscribe an address",
      description = "Lifts the suppression; it stays in the audit trail.")
  @APIResponse(responseCode = "204", description = "resubscribed")
  @APIResponse(responseCode = "404", description = "the address is not suppressed")
  public Response remove(@PathParam("email") String email) {
    suppressions.remove(email);
    return Response.noContent().build();
  }
}
