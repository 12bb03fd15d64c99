package org.mailhub.callback;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mailhub.rest.ApiError;

/** The callback URL of each provider, where its ESP posts what happened to the emails. */
@RequestScoped
@Path("callbacks/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Callbacks",
    description =
        "ESP webhooks. The token in the URL selects the provider and its type the payload format:"
            + " the generic v2 payload for GENERIC_HTTP and SMTP providers, Netcore's event array"
            + " (upper- or lower-case keys), Postmark's bounce, spam complaint and subscription"
            + " change webhooks (a record without RecordType is a bounce of its Type, else of its"
            + " TypeCode), SendGrid's Event Webhook (ECDSA signature checked with the provider's"
            + " webhookVerificationKey), Mailgun's webhooks (HMAC of timestamp and token checked"
            + " with its webhookSigningKey, each signature taken once), Amazon SES events as Amazon"
            + " SNS posts them (signature checked with SNS's certificate; subscription"
            + " confirmations confirmed). Webhooks of these three are read only when their"
            + " signature holds: unsigned, forged, replayed or too old ones get 401 and change"
            + " nothing.")
public class CallbackResource {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(CallbackResource.class.getName());

  @Inject CallbackService callbacks;

  @Inject
  @ConfigProperty(name = "mailhub.callback.max-body-bytes", defaultValue = "10485760")
  int maxBody;

  @HEAD
  @Operation(summary = "Check that the callback URL exists (Netcore does when it is registered)")
  public Response check(@PathParam("token") String token) {
    return Response.status(callbacks.knows(token) ? 200 : 404).build();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Receive an ESP webhook",
      description =
          "Events are linked to their send by meta value (else, except for the generic payload,"
              + " by the provider's message id or the address), recorded once (a retried webhook"
              + " changes nothing), and turned into suppressions and statistics. Unsubscribes,"
              + " spam complaints, hard bounces, drops, invalid addresses and whatever Postmark"
              + " blocks or deactivates suppress the address, each with its reason; soft bounces"
              + " only when mailhub.suppression.soft-bounce-limit (3) of them come in a row.")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "generic v2",
                      value =
                          "{\"version\": \"v2\", \"events\": {\"failed\": [{\"type\": \"hard_bounce\","
                              + " \"email\": \"ana@example.com\", \"meta\": \"<meta>\", \"description\":"
                              + " \"550 user unknown\"}], \"clicked\": [{\"type\": \"clicked\", \"email\":"
                              + " \"bob@example.com\", \"meta\": \"<meta>\"}]}}")))
  @APIResponse(
      responseCode = "200",
      description =
          "processed; for the generic payload {TOTAL_EVENTS, PROCESSED_EVENTS, UNPROCESSED_EVENTS}")
  @APIResponse(
      responseCode = "400",
      description = "the body as a whole is unacceptable (not v2, more than 1000 events, not JSON)")
  @APIResponse(
      responseCode = "401",
      description =
          "the provider requires callback credentials and these are wrong or missing, or the"
              + " provider's type signs its webhooks and this one is unsigned, forged, replayed or"
              + " too old; message says which, and nothing changes")
  @APIResponse(responseCode = "404", description = "no provider has this callback URL")
  @APIResponse(
      responseCode = "503",
      description =
          "a service of the ESP's that checks or confirms the webhook did not answer (Amazon SNS's"
              + " signing certificate or subscription URL): retry later; nothing changed")
  @APIResponse(
      responseCode = "413",
      description = "the body is larger than mailhub.callback.max-body-bytes")
  public Response receive(
      @PathParam("token") String token,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @jakarta.ws.rs.core.Context HttpHeaders headers,
      InputStream body)
      throws IOException {
    switch (callbacks.admit(token, authorization)) {
      case UNKNOWN -> {
        return notFound();
      }
      case UNAUTHORIZED -> {
        return unauthorized("Wrong or missing callback credentials");
      }
      case ADMITTED -> {
        // read below
      }
    }
    byte[] bytes = body.readNBytes(maxBody + 1);
    if (bytes.length > maxBody) {
      return new ApiError("BODY_TOO_LARGE", "The body is larger than " + maxBody + " bytes")
          .toResponse(413);
    }
    CallbackService.Answer answer;
    try {
      answer = callbacks.receive(token, authorization, firstValues(headers), bytes);
    } catch (WebhookUnavailable e) {
      LOG.warning("Webhook answered 503, for its ESP to retry: " + e.getMessage());
      return new ApiError("BUSY", e.getMessage()).toResponse(503);
    }
    if (answer == null) {
      return notFound();
    }
    if (answer.status() == 401) {
      return answer.refusal() == null
          ? unauthorized("Wrong or missing callback credentials")
          : refused(answer.refusal());
    }
    return Response.status(answer.status()).entity(answer.body()).build();
  }

  private static Response notFound() {
    return new ApiError("NOT_FOUND", "There is no callback URL with this token").toResponse(404);
  }

  private static Response unauthorized(String why) {
    return Response.status(401)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mailhub callbacks\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError("UNAUTHORIZED", why))
        .build();
  }

  /** A webhook whose signature was refused: no Basic challenge, credentials would not help. */
  private static Response refused(String why) {
    return new ApiError("UNAUTHORIZED", why).toResponse(401);
  }

  private static java.util.Map<String, String> firstValues(HttpHeaders headers) {
    java.util.Map<String, String> first = new java.util.HashMap<>();
    headers.getRequestHeaders().forEach((name, values) -> first.put(name, values.get(0)));
    return first;
  }
}
