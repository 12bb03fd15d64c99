package org.mailhub.user;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mailhub.infrastructure.Page;
import org.mailhub.rest.Created;
import org.mailhub.rest.PageQuery;

@RequestScoped
@Path("api/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Users",
    description =
        "Who may sign in to the admin UI and call this API: admins may do everything, viewers"
            + " read.")
public class UserResource {

  @Inject UserService users;
  @Context UriInfo uri;

  @GET
  @Operation(operationId = "listUsers", summary = "List users, by name")
  public Page<UserResponse> list(@Valid @BeanParam PageQuery paging) {
    return users.page(paging.page(), paging.size());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createUser",
      summary = "Add a user",
      description =
          "User names (compared without case) are 1 to 100 letters, digits or . _ @ -; passwords"
              + " have at least 10 characters and are stored as PBKDF2 hashes.")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "viewer",
                      value =
                          "{\"username\": \"reporting\", \"password\": \"a long secret\","
                              + " \"role\": \"VIEWER\"}")))
  @APIResponse(
      responseCode = "201",
      description = "added",
      content = @Content(schema = @Schema(implementation = UserResponse.class)))
  @APIResponse(responseCode = "400", description = "an invalid field, named in violations")
  @APIResponse(responseCode = "409", description = "the user name is taken")
  public Response add(@NotNull UserRequest request) {
    UserResponse created = users.create(request);
    return Created.at(uri, created.username(), created);
  }

  @GET
  @Path("{username}")
  @Operation(operationId = "getUser", summary = "One user, by name (compared without case)")
  public UserResponse get(@PathParam("username") String username) {
    return users.get(username);
  }

  @DELETE
  @Path("{username}")
  @Operation(
      operationId = "deleteUser",
      summary = "Remove a user",
      description = "Nobody removes themselves, and the last admin stays.")
  @APIResponse(responseCode = "204", description = "removed")
  @APIResponse(responseCode = "404", description = "no such user")
  @APIResponse(responseCode = "409", description = "yourself, or the last admin")
  public Response remove(@PathParam("username") String username, @Context SecurityContext caller) {
    users.delete(username, caller.getUserPrincipal().getName());
    return Response.noContent().build();
  }
}
