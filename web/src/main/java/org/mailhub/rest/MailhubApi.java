package org.mailhub.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.mailhub.campaign.CampaignResource;
import org.mailhub.health.HealthResource;
import org.mailhub.profile.ProfileResource;
import org.mailhub.provider.ProviderResource;
import org.mailhub.suppression.SuppressionExport;
import org.mailhub.suppression.SuppressionResource;

@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "mailhub API",
            version = "1",
            description =
                "Manage email service providers, send campaigns through them and read what the ESPs"
                    + " reported back. Every error answers with a JSON body"
                    + " {\"code\", \"message\", \"violations\"}.",
            license = @License(name = "Apache-2.0")))
public class MailhubApi extends Application {

  /** Listed rather than scanned, so that the callbacks' application stays apart. */
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        HealthResource.class,
        ProviderResource.class,
        ProfileResource.class,
        CampaignResource.class,
        SuppressionResource.class,
        SuppressionExport.class,
        RequestRejectedMapper.class,
        ValidationErrorMapper.class,
        ErrorMapper.class);
  }
}
