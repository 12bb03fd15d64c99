package org.mailhub.user;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in user's own account: every user, admin or viewer, changes their own password. */
@RequestScoped
@Path("api/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class AccountResource {

  /** A password change: the current password, and the new one (at least 10 characters). */
  public record PasswordChange(String currentPassword, String newPassword) {}

  @Inject UserService users;

  @PUT
  @Path("password")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "changeOwnPassword",
      summary = "Change your own password",
      description =
          "Any user, admin or viewer. The current password is required even with a session; the"
              + " new one has at least 10 characters.")
  @APIResponse(responseCode = "204", description = "changed")
  @APIResponse(
      responseCode = "400",
      description = "the current password is wrong, or the new one too short (named)")
  public Response changePassword(@NotNull PasswordChange change, @Context SecurityContext caller) {
    users.changePassword(
        caller.getUserPrincipal().getName(), change.currentPassword(), change.newPassword());
    return Response.noContent().build();
  }
}
