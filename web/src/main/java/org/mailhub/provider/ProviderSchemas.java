package org.mailhub.provider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.mailhub.esp.EmailGateway;

/**
 * The provider schemas of the OpenAPI document, typed per provider type. SmallRye describes each
 * settings record (annotated with {@code @Schema}) from its components; this turns {@code
 * ProviderRequest} and {@code ProviderResponse}, whose {@code settings} are any JSON object in
 * Java, into a {@code oneOf} of one schema per type with the {@code type} discriminator, each
 * variant with its type's settings schema.
 */
public final class ProviderSchemas {

  static final String REQUEST = "ProviderRequest";
  static final String RESPONSE = "ProviderResponse";

  /** What a setting marked secret ({@link EmailGateway#SECRET}) means to a client. */
  static final String SECRET =
      " Secret: write-only. Answers show it as ••••; a PUT that leaves it out or sends the mask back"
          + " keeps the stored one, unless the PUT changes the endpoint, host, port or security:"
          + " then every secret must be given again.";

  private ProviderSchemas() {}

  /** Adds the per-type provider schemas to the document. */
  public static void addTo(OpenAPI openAPI) {
    Components components = openAPI.getComponents();
    Map<String, Schema> schemas = components.getSchemas();
    Schema request = schemas.get(REQUEST);
    Schema response = schemas.get(RESPONSE);
    Map<String, String> requests = new LinkedHashMap<>();
    Map<String, String> responses = new LinkedHashMap<>();
    for (ProviderType type : ProviderType.values()) {
      String settings = settingsSchema(type);
      if (!schemas.containsKey(settings)) {
        throw new IllegalStateException(
            "The OpenAPI document has no schema "
                + settings
                + " for the settings of "
                + type
                + " providers: name the settings record so and annotate it with @Schema");
      }
      requests.put(type.name(), prefix(type) + "ProviderRequest");
      responses.put(type.name(), prefix(type) + "Provider");
      components.addSchema(
          requests.get(type.name()),
          variant(request, type, settings)
              .description(
                  "A provider of type " + type + " as clients add (POST) or replace (PUT) it."));
      components.addSchema(
          responses.get(type.name()),
          variant(response, type, settings)
              .description(
                  "A provider of type "
                      + type
                      + " as clients see it: secrets in settings masked (••••),"
                      + " callbackUrl for admins only. When the stored settings cannot be read"
                      + " (MAILHUB_SECRET_KEY changed), settings is null and settingsError says"
                      + " why."));
    }
    components.addSchema(
        REQUEST,
        oneOf(requests)
            .description("A provider as clients add or replace it: type says which settings."));
    components.addSchema(
        RESPONSE, oneOf(responses).description("A provider: type says which settings it has."));
    settings(schemas).forEach(ProviderSchemas::tidy);
    if (!referenced(openAPI, "ProviderType")) {
      components.removeSchema("ProviderType");
    }
  }

  /** The settings schema of the type: its record's name, e.g. {@code GenericHttpSettings}. */
  static String settingsSchema(ProviderType type) {
    return prefix(type) + "Settings";
  }

  /** The type's name in schema names: {@code GENERIC_HTTP} is {@code GenericHttp}. */
  static String prefix(ProviderType type) {
    StringBuilder prefix = new StringBuilder();
    for (String word : type.name().split("_")) {
      prefix.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return prefix.toString();
  }

  /**
   * The schema with {@code type} this one type, which makes the variants exclusive (a client that
   * tries each variant finds one), and {@code settings} the type's. The type is also the default,
   * so that generated clients fill it in.
   */
  private static Schema variant(Schema base, ProviderType type, String settings) {
    Map<String, Schema> properties = new LinkedHashMap<>(base.getProperties());
    properties.put(
        "type",
        OASFactory.createSchema()
            .addType(Schema.SchemaType.STRING)
            .addEnumeration(type.name())
            .defaultValue(type.name()));
    properties.put("settings", OASFactory.createSchema().ref(settings));
    List<String> required =
        new ArrayList<>(Optional.ofNullable(base.getRequired()).orElse(List.of()));
    if (!required.contains("type")) {
      required.add(0, "type");
    }
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .properties(properties)
        .required(required);
  }

  private static Schema oneOf(Map<String, String> variants) {
    return OASFactory.createSchema()
        .oneOf(variants.values().stream().map(v -> OASFactory.createSchema().ref(v)).toList())
        .discriminator(
            OASFactory.createDiscriminator()
                .propertyName("type")
                .mapping(
                    variants.entrySet().stream()
                        .collect(
                            java.util.stream.Collectors.toMap(
                                Map.Entry::getKey,
                                e -> "#/components/schemas/" + e.getValue(),
                                (a, b) -> a,
                                LinkedHashMap::new))));
  }

  /** The settings schemas and those they refer to: nested objects such as dkim, enums. */
  private static List<Schema> settings(Map<String, Schema> schemas) {
    List<Schema> found = new ArrayList<>();
    java.util.Deque<String> names =
        new java.util.ArrayDeque<>(
            Stream.of(ProviderType.values()).map(ProviderSchemas::settingsSchema).toList());
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!names.isEmpty()) {
      String name = names.pop();
      Schema schema = schemas.get(name);
      if (schema != null && seen.add(name)) {
        found.add(schema);
        values(schema.getProperties())
            .map(Schema::getRef)
            .filter(Objects::nonNull)
            .forEach(ref -> names.push(ref.substring(ref.lastIndexOf('/') + 1)));
      }
    }
    return found;
  }

  /**
   * A property that refers to another schema has no type of its own (SmallRye adds one beside a
   * description, and generators warn as they drop it). Secrets may be left out of a PUT, so they
   * are not required whatever their record's Bean Validation says (it checks the settings with the
   * stored secrets put back), and their description says how they are shown.
   */
  private static void tidy(Schema schema) {
    if (schema.getProperties() == null) {
      return;
    }
    schema
        .getProperties()
        .forEach(
            (name, property) -> {
              if (property.getRef() != null) {
                property.setType(null);
              }
              if (property.getExtensions() != null
                  && property.getExtensions().containsKey(EmailGateway.SECRET)) {
                property.description(
                    Objects.requireNonNullElse(property.getDescription(), "") + SECRET);
                if (schema.getRequired() != null) {
                  schema.removeRequired(name);
                  if (schema.getRequired().isEmpty()) {
                    schema.setRequired(null);
                  }
                }
              }
            });
  }

  /** Whether any schema of the document, other than the one named, refers to the one named. */
  static boolean referenced(OpenAPI openAPI, String name) {
    String ref = "#/components/schemas/" + name;
    Components components = openAPI.getComponents();
    Stream<Schema> roots =
        Stream.of(
                components.getSchemas().entrySet().stream()
                    .filter(e -> !e.getKey().equals(name))
                    .map(Map.Entry::getValue),
                values(components.getParameters()).flatMap(ProviderSchemas::schemas),
                values(components.getRequestBodies()).flatMap(ProviderSchemas::schemas),
                values(components.getResponses()).flatMap(ProviderSchemas::schemas),
                values(components.getHeaders()).flatMap(ProviderSchemas::schemas),
                openAPI.getPaths() == null
                    ? Stream.<Schema>empty()
                    : values(openAPI.getPaths().getPathItems())
                        .flatMap(
                            item ->
                                Stream.concat(
                                    list(item.getParameters()).flatMap(ProviderSchemas::schemas),
                                    values(item.getOperations())
                                        .flatMap(ProviderSchemas::schemas))))
            .flatMap(s -> s);
    return roots.anyMatch(schema -> refersTo(schema, ref));
  }

  private static boolean refersTo(Object value, String ref) {
    if (value instanceof Schema schema) {
      return ref.equals(schema.getRef())
          || schema.getAll().values().stream().anyMatch(v -> refersTo(v, ref));
    }
    if (value instanceof Collection<?> values) {
      return values.stream().anyMatch(v -> refersTo(v, ref));
    }
    if (value instanceof Map<?, ?> values) {
      return values.values().stream().anyMatch(v -> refersTo(v, ref));
    }
    return false;
  }

  private static Stream<Schema> schemas(Operation operation) {
    return Stream.of(
            list(operation.getParameters()).flatMap(ProviderSchemas::schemas),
            Stream.ofNullable(operation.getRequestBody()).flatMap(ProviderSchemas::schemas),
            operation.getResponses() == null
                ? Stream.<Schema>empty()
                : values(operation.getResponses().getAPIResponses())
                    .flatMap(ProviderSchemas::schemas))
        .flatMap(s -> s);
  }

  private static Stream<Schema> schemas(Parameter parameter) {
    return Stream.concat(Stream.ofNullable(parameter.getSchema()), schemas(parameter.getContent()));
  }

  private static Stream<Schema> schemas(RequestBody body) {
    return schemas(body.getContent());
  }

  private static Stream<Schema> schemas(APIResponse response) {
    return Stream.concat(
        schemas(response.getContent()),
        values(response.getHeaders()).flatMap(ProviderSchemas::schemas));
  }

  private static Stream<Schema> schemas(Header header) {
    return Stream.concat(Stream.ofNullable(header.getSchema()), schemas(header.getContent()));
  }

  private static Stream<Schema> schemas(Content content) {
    return content == null
        ? Stream.empty()
        : values(content.getMediaTypes()).map(MediaType::getSchema).filter(Objects::nonNull);
  }

  private static <T> Stream<T> values(Map<?, T> map) {
    return map == null ? Stream.empty() : map.values().stream();
  }

  private static <T> Stream<T> list(List<T> list) {
    return list == null ? Stream.empty() : list.stream();
  }
}
