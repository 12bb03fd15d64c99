package org.mailhub.preference;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mailhub.rest.ApiError;
import org.mailhub.template.Html;

/**
 * The recipient-facing preference center: plain HTML pages that work without JavaScript, reached
 * through the signed link in each email; no sign-in.
 */
@RequestScoped
@Path("preferences")
@Tag(
    name = "Preference center",
    description =
        "Recipient-facing links, no sign-in. A token is the send's meta value with an HMAC; a forged"
            + " or altered token changes nothing.")
public class PreferenceResource {

  @Inject PreferenceService preferences;

  @GET
  @Path("{token}")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The recipient's preference page (SYSTEM preference center)")
  public Response page(@PathParam("token") String token) {
    return preferences
        .standing(token)
        .map(standing -> page(200, standing, null))
        .orElseGet(PreferenceResource::invalidLink);
  }

  @POST
  @Path("{token}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The page's buttons: action=unsubscribe or action=resubscribe")
  public Response act(@PathParam("token") String token, @FormParam("action") String action) {
    Optional<PreferenceService.Outcome> outcome =
        "resubscribe".equals(action)
            ? preferences.resubscribe(token)
            : preferences.unsubscribe(token);
    if (outcome.isEmpty()) {
      return invalidLink();
    }
    return page(200, preferences.standing(token).orElseThrow(), outcome.get());
  }

  // no @Produces: a mail client may send any Accept (text/html, say), and RFC 8058 wants the
  // unsubscribe done whatever it asks for; the answer is plain text
  @POST
  @Path("{token}/one-click")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "One-click unsubscribe (RFC 8058)",
      description =
          "The URL of the List-Unsubscribe header; mail clients POST"
              + " List-Unsubscribe=One-Click to it. Unsubscribes without any page, whatever the"
              + " request's Accept header; answers text/plain.")
  public Response oneClick(@PathParam("token") String token) {
    return preferences
        .unsubscribe(token)
        .map(outcome -> plain(200, message(outcome)))
        .orElseGet(() -> plain(400, "This link is not valid. Nothing was changed."));
  }

  private static Response plain(int status, String text) {
    return Response.status(status).type("text/plain; charset=UTF-8").entity(text).build();
  }

  @GET
  @Path("{token}/one-click")
  @Operation(summary = "A person opening the one-click URL gets the preference page")
  public Response oneClickPage(@PathParam("token") String token) {
    return Response.seeOther(URI.create("/preferences/" + token)).build();
  }

  /** A token posted by the customer's own page. */
  public record TokenRequest(String token) {}

  @POST
  @Path("unsubscribe")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Record an unsubscribe from the customer's own page (CUSTOM_URL preference center)",
      description =
          "The customer's page receives ?email=...&token=... in its link and posts {\"token\"} here"
              + " (or the form field token). Answers {\"email\", \"outcome\"}; 400 for a forged or"
              + " altered token.")
  public Response unsubscribeFromCustomPage(TokenRequest request) {
    return recordUnsubscribe(request == null ? null : request.token());
  }

  @POST
  @Path("unsubscribe")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response unsubscribeFromCustomForm(@FormParam("token") String token) {
    return recordUnsubscribe(token);
  }

  private Response recordUnsubscribe(String token) {
    Optional<PreferenceService.Outcome> outcome = preferences.unsubscribe(token);
    if (outcome.isEmpty()) {
      return new ApiError("INVALID_TOKEN", "The token is not valid; nothing was changed.")
          .toResponse(400);
    }
    var body = Json.createObjectBuilder().add("outcome", outcome.get().name());
    preferences
        .standing(token)
        .map(PreferenceService.Standing::email)
        .ifPresent(e -> body.add("email", e));
    return Response.ok(body.build()).build();
  }

  static String message(PreferenceService.Outcome outcome) {
    return switch (outcome) {
      case UNSUBSCRIBED -> "You are unsubscribed. You will not receive these emails any more.";
      case ALREADY_UNSUBSCRIBED -> "You were already unsubscribed. Nothing changed.";
      case RESUBSCRIBED -> "You are subscribed again. Welcome back.";
      case NOT_UNSUBSCRIBED -> "You are subscribed. Nothing changed.";
      case CANNOT_RESUBSCRIBE ->
          "This address was blocked after a bounce or a complaint, so it cannot be resubscribed from"
              + " here. Please contact the sender.";
      case TEST_EMAIL -> "This link comes from a test email. It works, but it unsubscribes nobody.";
    };
  }

  private static Response page(
      int status, PreferenceService.Standing standing, PreferenceService.Outcome outcome) {
    StringBuilder body = new StringBuilder();
    if (outcome != null) {
      body.append("<p class=\"outcome\"><strong>")
          .append(Html.escape(message(outcome)))
          .append("</strong></p>");
    }
    if (standing.test()) {
      body.append("<p>")
          .append(Html.escape(message(PreferenceService.Outcome.TEST_EMAIL)))
          .append("</p>");
    } else {
      body.append("<p>Email preferences for <strong>")
          .append(Html.escape(standing.email()))
          .append("</strong></p>");
      body.append("<p>Status: <strong>")
          .append(standing.subscribed() ? "subscribed" : "unsubscribed")
          .append("</strong></p>");
      body.append("<form method=\"post\">");
      if (standing.subscribed()) {
        body.append(
            "<button type=\"submit\" name=\"action\" value=\"unsubscribe\">Unsubscribe</button>");
      } else {
        body.append(
            "<button type=\"submit\" name=\"action\" value=\"resubscribe\">Resubscribe</button>");
      }
      body.append("</form>");
    }
    return html(status, "Email preferences", body.toString());
  }

  private static Response invalidLink() {
    return html(
        400,
        "Link not valid",
        "<p><strong>This link is not valid.</strong> It may have been changed or cut. Nothing was"
            + " changed. Please use the link from the email exactly as it came.</p>");
  }

  private static Response html(int status, String title, String body) {
    String page =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>"
            + Html.escape(title)
            + "</title>"
            + "<style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;"
            + "line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}</style></head><body>"
            + "<h1>"
            + Html.escape(title)
            + "</h1>"
            + body
            + "</body></html>";
    return Response.status(status).type("text/html; charset=UTF-8").entity(page).build();
  }
}
