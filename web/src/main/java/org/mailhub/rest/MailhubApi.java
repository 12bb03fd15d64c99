package org.mailhub.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * One JAX-RS application for the REST API under /api and the ESP webhooks under /callbacks. (Two
 * applications would confuse the OpenAPI document's paths.) The admin UI's FacesServlet is mapped
 * to /admin/*, a longer prefix, so it is not shadowed.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
    info =
        @Info(
            title = "mailhub API",
            version = "1",
            description =
                "Manage email service providers, send campaigns through them and read what the ESPs"
                    + " reported back. Every error answers with a JSON body"
                    + " {\"code\", \"message\", \"violations\"}. Calls under /api/ need an API key"
                    + " (Authorization: Bearer mh_...) or HTTP basic authentication as a mailhub"
                    + " user (401 without either; 429 TOO_MANY_ATTEMPTS with"
                    + " Retry-After after repeated wrong passwords): admins may call"
                    + " everything, viewers only GET (403 otherwise). A POST under /api/ carries"
                    + " Content-Type application/json (or text/csv where CSV is taken) or the"
                    + " header X-Requested-By, else 415 JSON_OR_HEADER_REQUIRED: no other site's"
                    + " form can make a browser call the API. /api/health, the ESP webhooks and"
                    + " the preference pages are open.",
            license = @License(name = "Apache-2.0")))
@SecurityScheme(
    securitySchemeName = "basicAuth",
    type = SecuritySchemeType.HTTP,
    scheme = "basic",
    description = "a mailhub user's name and password (Users page or /api/users)")
@SecurityScheme(
    securitySchemeName = "bearerAuth",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "mailhub API key",
    description =
        "an API key, mh_ and 43 characters, sent as `Authorization: Bearer <key>`; an admin creates"
            + " it with a role (API keys page or POST /api/keys) and sees it once")
public class MailhubApi extends Application {}
