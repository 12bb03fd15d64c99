package org.mailhub.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RequestScoped
@Path("api/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Health")
public class HealthResource {

  @Inject HealthService health;

  @GET
  @Operation(operationId = "getHealth", summary = "Is mailhub up and can it reach its database?")
  @APIResponse(
      responseCode = "200",
      description = "mailhub is up",
      content =
          @Content(
              examples =
                  @ExampleObject(name = "up", value = "{\"status\": \"UP\", \"database\": \"H2\"}"),
              schema = @Schema(implementation = Health.class)))
  @APIResponse(
      responseCode = "503",
      description = "the database cannot be reached",
      content = @Content(schema = @Schema(implementation = Health.class)))
  public Response check() {
    Health result = health.check();
    return Response.status(result.status() == Health.Status.UP ? 200 : 503).entity(result).build();
  }
}
