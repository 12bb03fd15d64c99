package org.mailhub.provider;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mailhub.infrastructure.Page;
import org.mailhub.rest.ApiError;
import org.mailhub.rest.Created;
import org.mailhub.rest.PageQuery;

@RequestScoped
@Path("api/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
    name = "Providers",
    description =
        "Email service providers. settings depend on type (a key the type does not take, or a"
            + " value of another JSON type, is a 400 naming it); secrets in them (apiKey, password,"
            + " and"
            + " Generic HTTP headers and parameters named like credentials, e.g. Authorization, or"
            + " named in secretHeaders / secretParameters) are write-only: answers show them as"
            + " ••••, and leaving them out or sending the mask back on PUT keeps the stored secret"
            + " (a value whose name is dropped from secretHeaders or secretParameters must be"
            + " given again or left out),"
            + " unless the PUT changes the endpoint, host, port or security: then every secret"
            + " must be given again (400 naming each). Endpoints and hosts on private or local"
            + " networks are refused (400) unless the server allows"
            + " them. callbackUrl is shown to admins only. POSTMARK settings: apiKey, messageStream"
            + " (default broadcast, the stream campaigns go to, sent as X-PM-Message-Stream; test"
            + " emails go to outbound), host (default Postmark's: smtp-broadcasts.postmarkapp.com"
            + " for campaigns, smtp.postmarkapp.com for test emails), port, security (STARTTLS or"
            + " TLS; NONE only for a host on the own network when the server allows private"
            + " networks, else 400 naming settings.security). MAILGUN settings: apiKey, domain,"
            + " region (US or EU), endpoint (another base URL instead), webhookSigningKey (the"
            + " account's HTTP webhook signing key; without it webhooks are refused with 401)."
            + " SMTP settings: host, port,"
            + " security (NONE, STARTTLS_IF_OFFERED, STARTTLS, TLS), username, password,"
            + " trustedCertificate (PEM of a private relay's certificate, trusted besides the"
            + " JVM's authorities; 400 when unreadable), dkim ({domain, selector, privateKey}:"
            + " every email is DKIM-signed, rsa-sha256 relaxed/relaxed, over From, To, Subject,"
            + " Date, Message-ID, List-Id, List-Unsubscribe, List-Unsubscribe-Post, MIME-Version,"
            + " Content-Type and the body; privateKey is an RSA key in PKCS#8 PEM and a secret; the"
            + " public key goes in DNS as TXT <selector>._domainkey.<domain>; 400 naming"
            + " settings.dkim.privateKey when it cannot be read as an RSA key of at least 1024"
            + " bits, settings.dkim.domain when blank or when the fromAddress's domain is neither"
            + " it nor under it). A certificate that is not trusted fails"
            + " for good with errorCode CERTIFICATE_NOT_TRUSTED.")
public class ProviderResource {

  @Inject ProviderService providers;
  @Context UriInfo uri;
  @Context jakarta.ws.rs.core.SecurityContext security;
  @Inject org.mailhub.stats.StatsService stats;

  @GET
  @Operation(operationId = "listProviders", summary = "List providers, by nickname")
  public Page<ProviderResponse> list(@Valid @BeanParam PageQuery paging) {
    return providers.page(paging.page(), paging.size()).map(this::asCallerMaySee);
  }

  /** Callback URLs are credentials of their own: admins only. */
  private ProviderResponse asCallerMaySee(ProviderResponse provider) {
    return security.isUserInRole(org.mailhub.user.Role.ADMIN.roleName())
        ? provider
        : provider.forViewer();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getProvider", summary = "One provider")
  @APIResponse(responseCode = "200", description = "the provider")
  @APIResponse(
      responseCode = "404",
      description = "no such provider",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public ProviderResponse get(@PathParam("id") long id) {
    return asCallerMaySee(providers.get(id));
  }

  @POST
  @Operation(
      operationId = "createProvider",
      summary = "Add a provider",
      description =
          "The first provider becomes the default. GENERIC_HTTP templates must use $$To, $$HTML,"
              + " $$Subject, $$FromName and $$FromAddress somewhere in headers or parameters;"
              + " $$Meta carries the per-recipient value callbacks link back with (without it,"
              + " callback events are linked to the latest email sent to their address through"
              + " the provider); $$ReplyTo is the provider's replyTo (else fromAddress);"
              + " $$UnsubscribeURL the recipient's unsubscribe link; any other $$name is a"
              + " campaign-level value; {{profile.property}} personalises per recipient. With"
              + " batch {parameter, instances}, the named parameter is rendered once per"
              + " recipient into a JSON array (up to instances per request) and everything else"
              + " once per request. The answer's warnings (always present, often empty) say what"
              + " was saved but deserves attention: a GENERIC_HTTP template without $$Meta, or,"
              + " with a SYSTEM or CUSTOM_URL preference center, without $$UnsubscribeURL.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = {
                @ExampleObject(name = "NETCORE", value = Examples.NETCORE),
                @ExampleObject(name = "GENERIC_HTTP", value = Examples.GENERIC_HTTP),
                @ExampleObject(name = "POSTMARK", value = Examples.POSTMARK),
                @ExampleObject(name = "SMTP", value = Examples.SMTP),
                @ExampleObject(name = "SENDGRID", value = Examples.SENDGRID),
                @ExampleObject(name = "MAILGUN", value = Examples.MAILGUN),
                @ExampleObject(name = "SES", value = Examples.SES)
              }))
  @APIResponse(
      responseCode = "201",
      description = "created; Location names it",
      content = @Content(schema = @Schema(implementation = ProviderResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "invalid fields, each named",
      content =
          @Content(
              schema = @Schema(implementation = ApiError.class),
              examples = @ExampleObject(name = "missing placeholders", value = Examples.INVALID)))
  @APIResponse(
      responseCode = "409",
      description = "the nickname is taken",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response create(@NotNull ProviderRequest request) {
    ProviderResponse created = providers.create(request);
    return Created.at(uri, created.id(), created);
  }

  @PUT
  @Path("{id}")
  @Operation(
      operationId = "updateProvider",
      summary = "Replace a provider's settings",
      description =
          "The type cannot change. The answer's warnings are those of the new settings (see"
              + " POST).")
  @APIResponse(
      responseCode = "200",
      description = "updated",
      content = @Content(schema = @Schema(implementation = ProviderResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "invalid fields, each named",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "no such provider",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "the nickname is taken",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public ProviderResponse update(
      @PathParam("id") long id, @Valid @NotNull ProviderRequest request) {
    return providers.update(id, request);
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "deleteProvider",
      summary = "Delete a provider",
      description =
          "The default provider can only be deleted when it is the last one; a provider that a"
              + " sending campaign goes through or has failed over to, or that is another"
              + " provider's backup, cannot be deleted.")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(
      responseCode = "404",
      description = "no such provider",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "DEFAULT_PROVIDER: it is the default and others exist; PROVIDER_IN_USE: a sending"
              + " campaign goes through it or has failed over to it; PROVIDER_IS_BACKUP: another provider names it as its"
              + " backup",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response delete(@PathParam("id") long id) {
    providers.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/default")
  @Operation(operationId = "makeDefaultProvider", summary = "Make this provider the default one")
  @APIResponse(
      responseCode = "200",
      description = "it is now the default",
      content = @Content(schema = @Schema(implementation = ProviderResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "no such provider",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public ProviderResponse markDefault(@PathParam("id") long id) {
    return providers.markDefault(id);
  }

  @POST
  @Path("{id}/test-email")
  @Operation(
      operationId = "sendProviderTestEmail",
      summary = "Send one real email through the provider now",
      description =
          "Answers 200 when the provider accepted it, 502 with the provider's own status, error"
              + " code and answer when it refused or could not be reached.")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "test",
                      value =
                          "{\"to\": \"me@example.com\", \"placeholders\": {\"hid\": \"T-1\"}}")))
  @APIResponse(
      responseCode = "200",
      description = "sent",
      content = @Content(schema = @Schema(implementation = TestEmailResult.class)))
  @APIResponse(
      responseCode = "502",
      description = "the provider refused it or could not be reached",
      content =
          @Content(
              schema = @Schema(implementation = TestEmailResult.class),
              examples = @ExampleObject(name = "wrong key", value = Examples.TEST_FAILED)))
  public Response testEmail(@PathParam("id") long id, @Valid @NotNull TestEmailRequest request) {
    TestEmailResult result = providers.sendTestEmail(id, request.to(), request.placeholders());
    return Response.status(result.sent() ? 200 : 502).entity(result).build();
  }

  @GET
  @Path("{id}/stats")
  @Operation(
      operationId = "getProviderStats",
      summary = org.mailhub.stats.Stats.SUMMARY,
      description = org.mailhub.stats.Stats.DESCRIPTION)
  public org.mailhub.stats.Stats stats(@PathParam("id") long id) {
    return stats.provider(id);
  }

  @GET
  @Path("{id}/stats.csv")
  @Produces("text/csv; charset=UTF-8")
  @Operation(
      operationId = "downloadProviderStats",
      summary = "The provider's statistics as CSV: metric,count rows",
      description =
          "The metrics are the fields of GET /api/providers/{id}/stats, the failures by type as"
              + " failed.hard_bounce, failed.soft_bounce, and so on.")
  @APIResponse(
      responseCode = "200",
      description = "the CSV",
      content =
          @Content(
              mediaType = "text/csv",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "no such provider")
  public Response statsCsv(@PathParam("id") long id) {
    return Response.ok(org.mailhub.stats.StatsReport.csv(stats.provider(id)))
        .header("Content-Disposition", "attachment; filename=\"provider-" + id + "-stats.csv\"")
        .build();
  }
}
