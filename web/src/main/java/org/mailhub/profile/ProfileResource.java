package org.mailhub.profile;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RequestScoped
@Path("api/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profiles", description = "The people campaigns are sent to, with their properties.")
public class ProfileResource {

  static final String CSV = "text/csv";

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
              + " their position and the reason (the first 1000 are listed).")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "two profiles",
                      value =
                          "[{\"email\": \"ana@example.com\", \"properties\": {\"name\": \"Ana\", \"city\":"
                              + " \"Lisbon\", \"score\": 42, \"vip\": true}},"
                              + " {\"email\": \"bob@example.com\"}]")))
  @APIResponse(responseCode = "200", description = "what the import did")
  @APIResponse(
      responseCode = "400",
      description = "the body stopped being readable; the rows before it are kept")
  public Response importJson(InputStream body) {
    return answer(imports.fromJson(body));
  }

  @POST
  @Consumes(CSV)
  @Operation(
      // for curl users; generated clients send CSV as a file (POST /api/profiles/import)
      hidden = true,
      summary = "Import profiles from CSV",
      description =
          "The header row names the columns; one is email, every other column is a property (text)."
              + " Empty cells leave the property unchanged.")
  @RequestBody(
      content =
          @Content(
              mediaType = CSV,
              examples =
                  @ExampleObject(
                      name = "csv",
                      value = "email,name,city\nana@example.com,Ana,Lisbon\n")))
  @APIResponse(responseCode = "200", description = "what the import did")
  @APIResponse(
      responseCode = "400",
      description = "the CSV stopped being readable; the rows before it are kept")
  public Response importCsv(InputStream body) {
    return answer(imports.fromCsv(new InputStreamReader(body, StandardCharsets.UTF_8)));
  }

  @GET
  @Operation(
      operationId = "listProfiles",
      summary = "Find a profile by email, or page through all",
      description = "With email: that profile (404 if none). Without: a page, oldest first.")
  public Response find(
      @QueryParam("email") String email,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(1000) int size) {
    if (email != null) {
      return Response.ok(profiles.find(email)).build();
    }
    return Response.ok(profiles.page(page, size)).build();
  }

  private static Response answer(ImportReport report) {
    return Response.status(report.getError() == null ? 200 : 400).entity(report).build();
  }
}
