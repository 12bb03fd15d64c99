package org.mailhub.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document that SmallRye builds from the annotations with what holds for
 * every call, so that it is said once: the build's version, the server clients call
 * (MAILHUB_PUBLIC_URL), security declared at the top level, and the error answers every operation
 * may give, as reusable responses with the {@link ApiError} schema. The ESP webhooks and the
 * recipients' preference pages are not part of the client API: they are left out by the scan
 * (microprofile-config.properties).
 */
public class ApiDocument implements OASFilter {

  /** The reusable error answers, by status: their names in components.responses, and meaning. */
  enum Failure {
    BAD_REQUEST(
        "400",
        "BadRequest",
        "Invalid input, nothing stored: VALIDATION_FAILED names each offending field in"
            + " violations; MALFORMED_JSON is a body that cannot be read as the call's JSON"
            + " (including a property the call does not take, or a NUL character);"
            + " INSECURE_PUBLIC_URL refuses a launch whose unsubscribe links would not work."),
    UNAUTHORIZED(
        "401",
        "Unauthorized",
        "UNAUTHORIZED: no credentials, or wrong ones (a user's basic credentials or an API key"
            + " as a bearer token)."),
    FORBIDDEN(
        "403",
        "Forbidden",
        "FORBIDDEN: a viewer (user or API key) may only read (GET); NOT_A_USER: an API key cannot"
            + " change a password."),
    NOT_FOUND("404", "NotFound", "NOT_FOUND: nothing has this id (or address)."),
    CONFLICT(
        "409",
        "Conflict",
        "The call does not fit the current state: NICKNAME_TAKEN, USERNAME_TAKEN,"
            + " DEFAULT_PROVIDER, PROVIDER_IN_USE, PROVIDER_IS_BACKUP, NOT_A_DRAFT, NOT_CANCELLABLE, NO_PROVIDER,"
            + " OWN_USER, LAST_ADMIN, API_KEY_NAME_TAKEN."),
    PAYLOAD_TOO_LARGE(
        "413",
        "PayloadTooLarge",
        "BODY_TOO_LARGE: the body is over MAILHUB_HTTP_MAX_BODY_BYTES (profile imports:"
            + " MAILHUB_HTTP_MAX_IMPORT_BYTES)."),
    UNSUPPORTED_MEDIA_TYPE(
        "415",
        "UnsupportedMediaType",
        "JSON_OR_HEADER_REQUIRED: a POST with a user's basic credentials, without Content-Type:"
            + " application/json (text/csv where CSV is taken) and without the header"
            + " X-Requested-By (calls with an API key need neither); or UNSUPPORTED_MEDIA_TYPE, a"
            + " body of a type the call does not take."),
    TOO_MANY_REQUESTS(
        "429",
        "TooManyRequests",
        "TOO_MANY_ATTEMPTS: too many failed sign-ins for this user or from this address; try again"
            + " after Retry-After seconds.");

    final String status;
    final String name;
    final String description;

    Failure(String status, String name, String description) {
      this.status = status;
      this.name = name;
      this.description = description;
    }

    String ref() {
      return "#/components/responses/" + name;
    }
  }

  /** The stable codes of error answers, for ApiError's description. */
  static final String CODES =
      "Every error answer. code is stable, for programs: BAD_REQUEST, VALIDATION_FAILED,"
          + " MALFORMED_JSON, INSECURE_PUBLIC_URL (400); UNAUTHORIZED (401); FORBIDDEN, NOT_A_USER (403);"
          + " NOT_FOUND (404); NICKNAME_TAKEN, USERNAME_TAKEN, API_KEY_NAME_TAKEN, DEFAULT_PROVIDER,"
          + " PROVIDER_IN_USE, PROVIDER_IS_BACKUP, NOT_A_DRAFT, NOT_CANCELLABLE, NO_PROVIDER, OWN_USER, LAST_ADMIN"
          + " (409); BODY_TOO_LARGE (413); JSON_OR_HEADER_REQUIRED, UNSUPPORTED_MEDIA_TYPE (415);"
          + " TOO_MANY_ATTEMPTS (429); INTERNAL_ERROR (500); BUSY (503). message is a sentence"
          + " for people; violations names each invalid field by its JSON path"
          + " (settings.port).";

  static final String BASIC = "basicAuth";
  static final String BEARER = "bearerAuth";

  /** The calls of the document that need no credentials (web.xml says the same). */
  static final java.util.Set<String> OPEN = java.util.Set.of("/api/health");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    config("mailhub.version").ifPresent(openAPI.getInfo()::setVersion);
    openAPI
        .getInfo()
        .setLicense(OASFactory.createLicense().name("Apache-2.0").identifier("Apache-2.0"));
    String publicUrl = config("mailhub.public-url").orElse("http://localhost:8080");
    openAPI.setServers(
        List.of(
            OASFactory.createServer()
                .url(publicUrl)
                .description("this mailhub (MAILHUB_PUBLIC_URL)")));
    openAPI.setExternalDocs(
        OASFactory.createExternalDocumentation()
            .description("This document rendered, with a form to try each call")
            .url(publicUrl + "/api-docs/"));
    // either scheme will do
    openAPI.setSecurity(
        List.of(
            OASFactory.createSecurityRequirement().addScheme(BASIC),
            OASFactory.createSecurityRequirement().addScheme(BEARER)));
    Map<String, APIResponse> responses = new LinkedHashMap<>();
    for (Failure failure : Failure.values()) {
      responses.put(
          failure.name,
          OASFactory.createAPIResponse().description(failure.description).content(errorContent()));
    }
    openAPI.getComponents().setResponses(responses);
    Schema error = openAPI.getComponents().getSchemas().get("ApiError");
    if (error != null) {
      error.setDescription(CODES);
    }
    if (openAPI.getPaths() != null) {
      openAPI.getPaths().getPathItems().forEach(this::complete);
    }
    org.mailhub.provider.ProviderSchemas.addTo(openAPI);
  }

  private void complete(String path, PathItem item) {
    item.getOperations().forEach((method, operation) -> complete(path, method, operation));
  }

  /**
   * Every call but the open ones takes the top level's security, and gets the error answers a call
   * of its kind can give, as references.
   */
  private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
    boolean open = OPEN.contains(path);
    // an empty requirement: no credentials needed (an empty list would not be written out)
    operation.setSecurity(open ? List.of(OASFactory.createSecurityRequirement()) : null);
    APIResponses answers = operation.getResponses();
    if (answers == null) {
      answers = OASFactory.createAPIResponses();
      operation.setResponses(answers);
    }
    APIResponse created = answers.getAPIResponse("201");
    if (created != null) {
      // every 201 names the new resource (Created)
      created.addHeader(
          "Location",
          OASFactory.createHeader()
              .description("the new resource's address")
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")));
    }
    boolean writes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
    boolean takesInput =
        operation.getRequestBody() != null
            || operation.getParameters() != null && !operation.getParameters().isEmpty();
    if (takesInput) {
      refer(answers, Failure.BAD_REQUEST);
    }
    if (!open) {
      refer(answers, Failure.UNAUTHORIZED);
      refer(answers, Failure.TOO_MANY_REQUESTS);
      if (writes) {
        refer(answers, Failure.FORBIDDEN);
      }
    }
    if (path.contains("{")) {
      refer(answers, Failure.NOT_FOUND);
    }
    if (method == PathItem.HttpMethod.POST || operation.getRequestBody() != null) {
      refer(answers, Failure.UNSUPPORTED_MEDIA_TYPE);
    }
    if (operation.getRequestBody() != null) {
      refer(answers, Failure.PAYLOAD_TOO_LARGE);
    }
    for (Failure failure : Failure.values()) {
      APIResponse declared = answers.getAPIResponse(failure.status);
      if (declared != null && declared.getRef() == null && !hasOwnSchema(declared)) {
        // an operation's own words for the failure stay, beside the reusable response
        answers.addAPIResponse(
            failure.status,
            OASFactory.createAPIResponse()
                .ref(failure.ref())
                .description(declared.getDescription()));
      }
    }
  }

  /** An answer with a body of its own, such as an import's report: not an ApiError. */
  private static boolean hasOwnSchema(APIResponse declared) {
    return declared.getContent() != null
        && declared.getContent().getMediaTypes().values().stream()
            .anyMatch(
                type ->
                    type.getSchema() != null
                        && !"#/components/schemas/ApiError".equals(type.getSchema().getRef()));
  }

  private static void refer(APIResponses answers, Failure failure) {
    if (answers.getAPIResponse(failure.status) == null) {
      answers.addAPIResponse(failure.status, OASFactory.createAPIResponse().ref(failure.ref()));
    }
  }

  private static Content errorContent() {
    MediaType json =
        OASFactory.createMediaType()
            .schema(OASFactory.createSchema().ref("#/components/schemas/ApiError"));
    return OASFactory.createContent().addMediaType("application/json", json);
  }

  private static Optional<String> config(String name) {
    // the deployment's configuration: the filter runs while the server deploys mailhub
    return ConfigProvider.getConfig(ApiDocument.class.getClassLoader())
        .getOptionalValue(name, String.class);
  }
}
