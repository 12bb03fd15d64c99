package org.mailhub.profile;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mailhub.infrastructure.Page;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.rest.AddressSearch;
import org.mailhub.rest.ApiError;
import org.mailhub.rest.FormUpload;
import org.mailhub.rest.PageQuery;

@RequestScoped
@Path("api/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profiles", description = "The people campaigns are sent to, with their properties.")
public class ProfileResource {

  static final String CSV = "text/csv";

  /** The part of an upload's form that holds the CSV file. */
  static final String FILE = "file";

  @Inject ProfileImport imports;
  @Inject ProfileService profiles;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "importProfiles",
      summary = "Import profiles from a JSON array",
      description =
          "Creates or updates profiles by email (compared without case); properties are merged into"
              + " the existing ones, null removes one. The body is streamed: any number of rows, a"
              + " chunk of 1000 per transaction. Invalid rows are rejected one by one, named with"
              + " their position and the reason (the first 1000 are listed). A CSV file is"
              + " imported with POST /api/profiles/import (or, from curl, posted here as the body"
              + " with Content-Type: text/csv).")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = ProfileRow.class),
              examples =
                  @ExampleObject(
                      name = "two profiles",
                      value =
                          "[{\"email\": \"ana@example.com\", \"properties\": {\"name\": \"Ana\", \"city\":"
                              + " \"Lisbon\", \"score\": 42, \"vip\": true}},"
                              + " {\"email\": \"bob@example.com\"}]")))
  @APIResponse(
      responseCode = "200",
      description = "what the import did",
      content = @Content(schema = @Schema(implementation = ImportReport.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "the body stopped being readable (an ImportReport; the rows before it are kept), or it"
              + " carries a NUL character (an ApiError)",
      content = @Content(schema = @Schema(anyOf = {ImportReport.class, ApiError.class})))
  public Response importJson(InputStream body) {
    return answer(imports.fromJson(body));
  }

  /** For curl users: the CSV file as the body. Programs use {@link #importUpload}. */
  @POST
  @Consumes(CSV)
  @Operation(hidden = true)
  public Response importCsv(InputStream body) {
    return answer(imports.fromCsv(new InputStreamReader(body, StandardCharsets.UTF_8)));
  }

  @POST
  @Path("import")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(
      operationId = "importProfilesCsv",
      summary = "Import profiles from an uploaded CSV file",
      description =
          "The form's part file is the CSV: the header row names the columns, one is email, every"
              + " other column is a property (text); empty cells leave the property unchanged."
              + " Imported as it arrives, any size up to MAILHUB_HTTP_MAX_IMPORT_BYTES (a declared"
              + " length over it is a 413 at once; a body of unknown length that grows past it"
              + " stops the import: 400 with the report of the rows before),"
              + " a chunk of 1000 rows per transaction, like the JSON import. Other parts are"
              + " ignored. With a user's basic credentials it needs the header X-Requested-By (any"
              + " value), which HTML forms cannot send: without it the answer is 415"
              + " JSON_OR_HEADER_REQUIRED. With an API key it is not needed.")
  @Parameter(
      name = "X-Requested-By",
      in = ParameterIn.HEADER,
      description =
          "any value: shows that a program, not another site's form, sends the upload (needed"
              + " with basic credentials only)",
      schema = @Schema(type = SchemaType.STRING),
      example = "mailhub-client")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      requiredProperties = FILE,
                      properties =
                          @SchemaProperty(
                              name = FILE,
                              type = SchemaType.STRING,
                              format = "binary",
                              description = "the CSV file, UTF-8")),
              encoding = @Encoding(name = FILE, contentType = CSV)))
  @APIResponse(
      responseCode = "200",
      description = "what the import did",
      content = @Content(schema = @Schema(implementation = ImportReport.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "the CSV stopped being readable (an ImportReport; the rows before it are kept), or the"
              + " form has no part file or cannot be read before it (an ApiError naming file)",
      content = @Content(schema = @Schema(anyOf = {ImportReport.class, ApiError.class})))
  public Response importUpload(@Context HttpHeaders headers, InputStream body) throws IOException {
    InputStream csv;
    try {
      csv = FormUpload.part(body, headers.getMediaType().getParameters().get("boundary"), FILE);
    } catch (FormUpload.Unreadable e) {
      throw RequestRejected.invalid(FILE, e.getMessage());
    }
    return answer(imports.fromCsv(new InputStreamReader(csv, StandardCharsets.UTF_8)));
  }

  @GET
  @Operation(
      operationId = "listProfiles",
      summary = "Page through profiles, newest first",
      description =
          "email= finds the addresses containing the text; total counts the profiles it finds.")
  public Page<ProfileResponse> find(
      @BeanParam AddressSearch search, @Valid @BeanParam PageQuery paging) {
    return profiles.page(search.text(), paging.page(), paging.size());
  }

  @GET
  @Path("{email}")
  @Operation(
      operationId = "getProfile",
      summary = "One profile, by its address (compared without case)")
  public ProfileResponse get(@PathParam("email") String email) {
    return profiles.find(email);
  }

  private static Response answer(ImportReport report) {
    return Response.status(report.getError() == null ? 200 : 400).entity(report).build();
  }
}
