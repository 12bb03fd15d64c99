package org.mailhub.story;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openapitools.client.ApiClient;
import org.openapitools.client.ApiException;
import org.openapitools.client.api.ApiKeysApi;
import org.openapitools.client.api.CampaignsApi;
import org.openapitools.client.api.ProfilesApi;
import org.openapitools.client.api.ProvidersApi;
import org.openapitools.client.api.SuppressionsApi;
import org.openapitools.client.model.ApiError;
import org.openapitools.client.model.ApiKeyResponse;
import org.openapitools.client.model.ApiKeyRequest;
import org.openapitools.client.model.AudienceRequest;
import org.openapitools.client.model.AudienceType;
import org.openapitools.client.model.CampaignRequest;
import org.openapitools.client.model.CampaignResponse;
import org.openapitools.client.model.CampaignStatus;
import org.openapitools.client.model.ImportReport;
import org.openapitools.client.model.ProfileResponse;
import org.openapitools.client.model.ProfileRow;
import org.openapitools.client.model.ProviderRequest;
import org.openapitools.client.model.ProviderResponse;
import org.openapitools.client.model.Role;
import org.openapitools.client.model.SendResponse;
import org.openapitools.client.model.SmtpProviderRequest;
import org.openapitools.client.model.SmtpSecurity;
import org.openapitools.client.model.SmtpSettings;
import org.openapitools.client.model.Stats;
import org.openapitools.client.model.SuppressionRequest;
import org.openapitools.client.model.SuppressionResponse;
import org.openapitools.client.model.TestSendRequest;
import org.openapitools.client.model.TestSendResult;

/**
 * A program that manages mailhub through the Java client that openapi-generator makes from
 * mailhub's OpenAPI document with its default settings (library okhttp-gson), and nothing else.
 * GeneratedClientIT compiles it into the generated project and runs it with: the server's address,
 * an admin's user name and password, the port of a loopback SMTP server, a run id and a work
 * directory. It prints what it saw as {@code name=value} lines, and exits with an error at the first
 * answer that is not what the document promises.
 */
public class ClientStory {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String admin = args[1];
    String password = args[2];
    int smtpPort = Integer.parseInt(args[3]);
    String run = args[4];
    File work = new File(args[5]);

    // an admin gives the program a key of its own, shown once
    ApiClient person = new ApiClient().setBasePath(base);
    person.setUsername(admin);
    person.setPassword(password);
    ApiKeyResponse key =
        new ApiKeysApi(person).createApiKey(new ApiKeyRequest().name("story " + run).role(Role.ADMIN));
    ApiClient program = new ApiClient().setBasePath(base);
    program.setBearerToken(key.getKey());
    say("key.prefix", key.getPrefix());

    // the program's mistakes come back as ApiError, naming the field
    ProvidersApi providers = new ProvidersApi(program);
    try {
      providers.createProvider(smtp("story broken " + run, new SmtpSettings().port(smtpPort)));
      throw new AssertionError("a provider without a host was created");
    } catch (ApiException refused) {
      ApiError error = ApiError.fromJson(refused.getResponseBody());
      say("invalid.status", refused.getCode());
      say("invalid.code", error.getCode());
      say("invalid.field", error.getViolations().get(0).getField());
    }

    // a provider with typed settings
    ProviderResponse created =
        providers.createProvider(
            smtp(
                "story relay " + run,
                new SmtpSettings()
                    .host("127.0.0.1")
                    .port(smtpPort)
                    .security(SmtpSecurity.NONE)));
    long providerId = created.getSmtpProvider().getId();
    say("provider.type", providers.getProvider(providerId).getSmtpProvider().getType());

    // profiles, from JSON rows and from a CSV file
    ProfilesApi profiles = new ProfilesApi(program);
    String ana = "ana-" + run + "@example.com";
    String bob = "bob-" + run + "@example.com";
    String cleo = "cleo-" + run + "@example.com";
    ImportReport fromJson =
        profiles.importProfiles(
            Arrays.asList(
                new ProfileRow().email(ana).properties(properties("Ana", run)),
                new ProfileRow().email(bob).properties(properties("Bob", run))));
    say("import.json.created", fromJson.getCreated());
    File csv = new File(work, "profiles.csv");
    Files.write(
        csv.toPath(), ("email,name,run\n" + cleo + ",Cleo," + run + "\n").getBytes(StandardCharsets.UTF_8));
    ImportReport fromCsv = profiles.importProfilesCsv(csv, null);
    say("import.csv.created", fromCsv.getCreated());
    ProfileResponse cleoProfile = profiles.getProfile(cleo);
    say("profile.name", ((Map<?, ?>) cleoProfile.getProperties()).get("name"));

    // Bob asked not to be mailed
    SuppressionsApi suppressions = new SuppressionsApi(program);
    SuppressionResponse suppressed = suppressions.addSuppression(new SuppressionRequest().email(bob));
    say("suppression.reason", suppressed.getReason());
    say(
        "suppressions.found",
        suppressions.listSuppressions(bob, 0, null, 50).getTotal());

    // a campaign to this run's profiles, tried out first
    CampaignsApi campaigns = new CampaignsApi(program);
    Map<String, String> values = new HashMap<>();
    values.put("place", "Lisbon");
    CampaignResponse draft =
        campaigns.createCampaign(
            new CampaignRequest()
                .name("story " + run)
                .providerId(providerId)
                .subject("Hello {{profile.name}}")
                .fromName("Story")
                .html("<p>Hello {{profile.name}}, see you in $$place</p>")
                .placeholders(values)
                .audience(
                    new AudienceRequest().type(AudienceType.PROPERTY).property("run").value(run)));
    List<TestSendResult> tests =
        campaigns.sendCampaignTest(
            draft.getId(),
            new TestSendRequest().to(Collections.singletonList("tester-" + run + "@example.com")).profile(ana));
    say("test.sent", tests.get(0).getSent());

    campaigns.launchCampaign(draft.getId());
    CampaignResponse campaign = campaigns.getCampaign(draft.getId());
    long deadline = System.currentTimeMillis() + 60_000;
    while (campaign.getStatus() == CampaignStatus.SENDING || campaign.getStatus() == CampaignStatus.DRAFT) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the campaign did not end within 60 s: " + campaign);
      }
      Thread.sleep(250);
      campaign = campaigns.getCampaign(draft.getId());
    }
    say("campaign.status", campaign.getStatus());
    Stats stats = campaigns.getCampaignStats(draft.getId());
    say("stats.sent", stats.getSent());
    for (SendResponse send : campaigns.listCampaignSends(draft.getId(), 0, 50, null).getItems()) {
      say("send." + send.getEmail(), send.getStatus());
    }
    System.out.println("STORY DONE");
  }

  private static ProviderRequest smtp(String nickname, SmtpSettings settings) {
    return new ProviderRequest(
        new SmtpProviderRequest()
            .nickname(nickname)
            .type(SmtpProviderRequest.TypeEnum.SMTP)
            .fromAddress("news@acme.example")
            .settings(settings));
  }

  private static Map<String, Object> properties(String name, String run) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("name", name);
    properties.put("run", run);
    return properties;
  }

  private static void say(String name, Object value) {
    System.out.println(name + "=" + value);
  }
}
