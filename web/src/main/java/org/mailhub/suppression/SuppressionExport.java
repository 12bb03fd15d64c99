package org.mailhub.suppression;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RequestScoped
@Path("api/suppressions.csv")
@Tag(name = "Suppressions")
public class SuppressionExport {

  @Inject SuppressionService suppressions;

  @GET
  @Produces("text/csv")
  @Operation(
      operationId = "downloadSuppressions",
      summary = "Every suppression as CSV: email, reason, providerId, campaignId, createdAt",
      description =
          "RFC 4180; a cell a spreadsheet would run as a formula (starting with = + - @, a tab or a"
              + " carriage return) starts with an apostrophe.")
  @APIResponse(
      responseCode = "200",
      description = "the CSV",
      content =
          @Content(
              mediaType = "text/csv",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  public Response export() {
    StreamingOutput csv =
        out -> suppressions.exportCsv(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    return Response.ok(csv)
        .header("Content-Disposition", "attachment; filename=\"suppressions.csv\"")
        .build();
  }
}
