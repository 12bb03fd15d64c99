package org.mailhub.user;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mailhub.infrastructure.Page;
import org.mailhub.rest.ApiError;
import org.mailhub.rest.Created;

@RequestScoped
@Path("api/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "API keys",
    description =
        "Programs' credentials: a program sends `Authorization: Bearer <key>` and may do what the"
            + " key's role allows (ADMIN everything, VIEWER reads). Admins issue and revoke keys;"
            + " viewers may list them. Only a hash of each key is stored, so a key is shown once,"
            + " when it is created; a lost key is revoked and replaced.")
public class ApiKeyResource {

  @Inject ApiKeyService keys;
  @Context UriInfo uri;
  @Context SecurityContext caller;

  @GET
  @Operation(
      operationId = "listApiKeys",
      summary = "List API keys, newest first",
      description =
          "Every key, revoked ones too, with its prefix (the key's first characters, to tell keys"
              + " apart), who created it and when, its last use (at most a minute behind) and when"
              + " it was revoked. Never the keys themselves.")
  @APIResponse(responseCode = "200", description = "one page of keys")
  @APIResponse(
      responseCode = "400",
      description = "page below 0, or size outside 1 to 1000 (named)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Page<ApiKeyResponse> list(
      @Parameter(description = "the page, from 0") @QueryParam("page") @DefaultValue("0") @Min(0)
          int page,
      @Parameter(description = "keys per page, 1 to 1000")
          @QueryParam("size")
          @DefaultValue("50")
          @Min(1)
          @Max(1000)
          int size) {
    return keys.page(page, size);
  }

  @GET
  @Path("{id}")
  @Operation(
      operationId = "getApiKey",
      summary = "One API key",
      description = "As in the list: never the key itself.")
  @APIResponse(
      responseCode = "200",
      description = "the key's details",
      content = @Content(schema = @Schema(implementation = ApiKeyResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "no such key",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public ApiKeyResponse get(@PathParam("id") long id) {
    return keys.get(id);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createApiKey",
      summary = "Create an API key",
      description =
          "Admins only. The answer's key (mh_ and 43 characters) is the secret the program sends"
              + " as `Authorization: Bearer <key>`. It is shown in this answer only: mailhub keeps"
              + " a SHA-256 hash of it, so store it now. Names are 1 to 100 characters, unique"
              + " without case (revoked keys keep theirs).")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "a reporting program",
                      value = "{\"name\": \"nightly export\", \"role\": \"VIEWER\"}")))
  @APIResponse(
      responseCode = "201",
      description = "created; Location names it, and key is the secret, shown this once",
      content = @Content(schema = @Schema(implementation = ApiKeyResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "an invalid name or role, named in violations",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "API_KEY_NAME_TAKEN: another key has this name",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response create(@NotNull ApiKeyRequest request) {
    ApiKeyResponse created =
        keys.create(request.name(), request.role(), caller.getUserPrincipal().getName());
    return Created.at(uri, created.id(), created);
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "revokeApiKey",
      summary = "Revoke an API key",
      description =
          "Admins only. The key signs nothing in from now on (401) and stays in the list as"
              + " revoked; revoking it again changes nothing.")
  @APIResponse(responseCode = "204", description = "revoked")
  @APIResponse(
      responseCode = "404",
      description = "no such key",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response revoke(@PathParam("id") long id) {
    keys.revoke(id);
    return Response.noContent().build();
  }
}
