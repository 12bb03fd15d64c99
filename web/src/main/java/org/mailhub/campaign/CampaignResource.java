package org.mailhub.campaign;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mailhub.dispatch.SendStatus;
import org.mailhub.infrastructure.Page;
import org.mailhub.rest.ApiError;
import org.mailhub.rest.Created;
import org.mailhub.rest.PageQuery;
import org.mailhub.stats.ErrorResponse;

@RequestScoped
@Path("api/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Campaigns",
    description =
        "A campaign goes DRAFT -> SENDING -> SENT (or FAILED when nothing could be sent, or"
            + " CANCELLED). Subject and HTML may use {{profile.property}} (optionally"
            + " {{profile.name | \"friend\"}}; HTML-escaped in the HTML) and $$name campaign values.")
public class CampaignResource {

  private static final int EXPORT_PAGE = 1000;

  @Inject CampaignService campaigns;
  @Context UriInfo uri;
  @Inject org.mailhub.stats.StatsService stats;
  @Inject TestSendService tests;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createCampaign",
      summary = "Create a draft campaign",
      description =
          "providerId null sends through the default provider at launch. placeholders must give a"
              + " value for every $$name the provider's template or the content uses; the missing"
              + " ones are named in the 400. audience: ALL, EMAILS (up to 10000 addresses of"
              + " existing profiles) or PROPERTY (profiles whose property equals value, as text).")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "spring sale",
                      value =
                          "{\"name\": \"Spring sale\", \"providerId\": 1, \"subject\": \"Hi {{profile.name |"
                              + " \\\"there\\\"}}\", \"fromName\": \"Acme\", \"html\": \"<p>Hello"
                              + " {{profile.name}}, code $$hid</p>\", \"placeholders\": {\"hid\":"
                              + " \"SPRING24\"}, \"audience\": {\"type\": \"PROPERTY\", \"property\":"
                              + " \"city\", \"value\": \"Lisbon\"}}")))
  @APIResponse(
      responseCode = "201",
      description = "the draft",
      content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
  @APIResponse(responseCode = "400", description = "invalid fields, each named")
  public Response create(@NotNull CampaignRequest request) {
    CampaignResponse created = campaigns.create(request);
    return Created.at(uri, created.id(), created);
  }

  @GET
  @Operation(operationId = "listCampaigns", summary = "Campaigns, newest first")
  public Page<CampaignResponse> list(@Valid @BeanParam PageQuery paging) {
    return campaigns.page(paging.page(), paging.size());
  }

  @GET
  @Path("{id}")
  @Operation(
      operationId = "getCampaign",
      summary = "A campaign with its status and live counts",
      description =
          "counts: targeted = queued + sent + failed + suppressed + cancelled + inDoubt once the"
              + " audience is prepared; inDoubt counts recipients whose provider call may or may"
              + " not have reached the provider (never sent again).")
  public CampaignResponse get(@PathParam("id") long id) {
    return campaigns.get(id);
  }

  @POST
  @Path("{id}/launch")
  @Operation(
      operationId = "launchCampaign",
      summary = "Start sending",
      description =
          "Answers 202 at once; follow the progress with GET /api/campaigns/{id}. Through a"
              + " provider with a SYSTEM or CUSTOM_URL preference center, every email carries an"
              + " unsubscribe link (a footer is added to HTML without {{unsubscribe_url}}), so the"
              + " launch is refused with 400 INSECURE_PUBLIC_URL while MAILHUB_PUBLIC_URL is"
              + " unset, names this machine or is not https, unless"
              + " MAILHUB_PUBLIC_URL_INSECURE=true.")
  @APIResponse(
      responseCode = "202",
      description = "sending has started",
      content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "a campaign value is missing (placeholders), or INSECURE_PUBLIC_URL: unsubscribe links"
              + " would point where recipients cannot reach or without https",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(responseCode = "409", description = "not a draft, or no provider to send through")
  @APIResponse(
      responseCode = "415",
      description = "sent without Content-Type: application/json and without X-Requested-By")
  public Response launch(@PathParam("id") long id) {
    return Response.accepted(campaigns.launch(id)).build();
  }

  @POST
  @Path("{id}/cancel")
  @Operation(
      operationId = "cancelCampaign",
      summary = "Stop sending what is not sent yet",
      description =
          "Waiting recipients count as CANCELLED at once (their records are written as their"
              + " dispatch chunks come up). A chunk already being sent notices within about 250 ms:"
              + " the calls in flight finish and are recorded, its remaining recipients become"
              + " CANCELLED.")
  @APIResponse(
      responseCode = "200",
      description = "cancelled",
      content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
  @APIResponse(responseCode = "409", description = "already finished")
  @APIResponse(
      responseCode = "415",
      description = "sent without Content-Type: application/json and without X-Requested-By")
  public CampaignResponse cancel(@PathParam("id") long id) {
    return campaigns.cancel(id);
  }

  @POST
  @Path("{id}/test")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "sendCampaignTest",
      summary = "Send the campaign's subject and HTML to up to five addresses, as a test",
      description =
          "Personalised like the campaign's emails, with the properties of the profile named by"
              + " profile (its email) and/or the given properties (which win), the campaign's"
              + " $$name values and the provider's unsubscribe link; sent now through the"
              + " campaign's provider (the default one when it has none), one email per address,"
              + " whatever the campaign's status. A test counts nowhere: no send records, no"
              + " statistics, no suppressions looked up or made; callbacks about it are not"
              + " recorded and its unsubscribe link unsubscribes nobody. The answer has one"
              + " outcome per address: sent with the provider's messageId, or not, with the"
              + " provider's own providerStatus, errorCode and answer in message.")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "two addresses as Ana",
                      value =
                          "{\"to\": [\"me@acme.example\", \"boss@acme.example\"], \"profile\":"
                              + " \"ana@example.com\", \"properties\": {\"city\":"
                              + " \"Lisbon\"}}")))
  @APIResponse(
      responseCode = "200",
      description = "one outcome per address",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = TestSendResult.class),
              examples =
                  @ExampleObject(
                      name = "sent and refused",
                      value =
                          "[{\"to\": \"me@acme.example\", \"sent\": true, \"messageId\":"
                              + " \"a1b2\", \"message\": \"Test email sent through Netcore"
                              + " main\"}, {\"to\": \"boss@acme.example\", \"sent\": false,"
                              + " \"providerStatus\": 400, \"errorCode\": \"InvalidEmail\","
                              + " \"message\": \"The test email through Netcore main failed 400"
                              + " (InvalidEmail): ...\"}]")))
  @APIResponse(
      responseCode = "400",
      description =
          "invalid fields, each named: to (1 to 5 addresses), profile (no such profile),"
              + " placeholders (a $$name without a value)")
  @APIResponse(responseCode = "404", description = "no such campaign")
  @APIResponse(responseCode = "409", description = "no provider to send through")
  public List<TestSendResult> test(
      @PathParam("id") long id, @Valid @NotNull TestSendRequest request) {
    return tests.send(id, request);
  }

  @GET
  @Path("{id}/sends")
  @Operation(
      operationId = "listCampaignSends",
      summary = "The campaign's send records: per recipient its status, meta, message id and error",
      description =
          "Send records first (id order), then the recipients still waiting in dispatch chunks,"
              + " which have no id yet: QUEUED, or SENDING while their chunk is being sent. A"
              + " recipient's record is written once, when its fate is known: SENT (with the"
              + " provider's messageId; ids over 255 characters are stored as sha256:<digest>),"
              + " FAILED (with the error), SUPPRESSED, CANCELLED, or IN_DOUBT: the provider call"
              + " that carried it may or may not have reached the provider (mailhub was killed"
              + " during it, or no answer came); it is never sent again, and the provider's first"
              + " event about it makes it SENT. outcome is the latest event the provider reported"
              + " about the email (by when it happened), read from the event log; description"
              + " tells what went wrong: the description of the latest failure the provider"
              + " reported (a bounce's reason), else the send-time error. status= lists only the"
              + " recipients in that status; total counts them, records and waiting ones alike.")
  public Page<CampaignService.SendResponse> sends(
      @PathParam("id") long id,
      @QueryParam("status") SendStatus status,
      @Valid @BeanParam PageQuery paging) {
    return campaigns.sends(id, status, paging.page(), paging.size());
  }

  @GET
  @Path("{id}/stats")
  @Operation(
      operationId = "getCampaignStats",
      summary = org.mailhub.stats.Stats.SUMMARY,
      description = org.mailhub.stats.Stats.DESCRIPTION)
  public org.mailhub.stats.Stats stats(@PathParam("id") long id) {
    return stats.campaign(id);
  }

  @GET
  @Path("{id}/errors")
  @Operation(
      operationId = "listCampaignErrors",
      summary = "The campaign's errors: refused at send time, then reported by the provider",
      description =
          "As many as its statistics' failedTotal counts. First the emails the provider refused"
              + " at send time (type REFUSED, description the provider's answer, attempts), in"
              + " the order of their send records; then the failures the provider reported"
              + " afterwards (type HARD_BOUNCE, SOFT_BOUNCE, DROPPED, INVALID, SPAM or"
              + " UNSUBSCRIBED, description the provider's reason as its callback gave it, null"
              + " when it gave none), in the order they arrived. at is when the send ended or the"
              + " failure happened; total is the campaign's failedTotal.")
  @APIResponse(responseCode = "200", description = "one page of errors")
  @APIResponse(responseCode = "404", description = "no such campaign")
  public Page<ErrorResponse> errors(@PathParam("id") long id, @Valid @BeanParam PageQuery paging) {
    return stats.errors(id, paging.page(), paging.size());
  }

  @GET
  @Path("{id}/report.csv")
  @Produces("text/csv; charset=UTF-8")
  @Operation(
      operationId = "downloadCampaignReport",
      summary = "The campaign's send records as CSV, one row per recipient",
      description =
          "Columns: email, status (QUEUED, SENDING, SENT, FAILED, SUPPRESSED, CANCELLED,"
              + " IN_DOUBT), outcome"
              + " (the latest event the provider reported, e.g. DELIVERED, HARD_BOUNCE), messageId,"
              + " error, attempts, updatedAt, description (the latest reported failure's"
              + " description, else the error); send records first, then the recipients still"
              + " waiting. Streamed a page at a time, so any size of campaign"
              + " can be exported; values with commas, quotes or line breaks are quoted (RFC"
              + " 4180), and a cell a spreadsheet would run as a formula (starting with = + - @,"
              + " a tab or a carriage return) starts with an apostrophe.")
  @APIResponse(
      responseCode = "200",
      description = "the CSV",
      content =
          @Content(
              mediaType = "text/csv",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "no such campaign")
  public Response report(@PathParam("id") long id) {
    campaigns.get(id);
    StreamingOutput csv =
        out ->
            SendsCsv.write(
                new OutputStreamWriter(out, StandardCharsets.UTF_8),
                after -> campaigns.sendsAfter(id, after, EXPORT_PAGE),
                offset -> campaigns.waiting(id, offset, EXPORT_PAGE));
    return Response.ok(csv)
        .header("Content-Disposition", "attachment; filename=\"campaign-" + id + "-report.csv\"")
        .build();
  }
}
