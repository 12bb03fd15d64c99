package org.mailhub.ui;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;
import org.mailhub.infrastructure.RequestRejected;

/**
 * What the admin pages tell people: messages at the top of the page (kept across a redirect) and,
 * for a refused request, each invalid field's message next to its input.
 */
public final class Pages {

  private Pages() {}

  public static void info(String message) {
    add(null, FacesMessage.SEVERITY_INFO, message);
  }

  public static void warn(String message) {
    add(null, FacesMessage.SEVERITY_WARN, message);
  }

  public static void error(String message) {
    add(null, FacesMessage.SEVERITY_ERROR, message);
  }

  /**
   * Shows a refusal of the services: each field error next to the input that {@code inputs} names
   * for its field (e.g. {@code "settings.endpoint" -> "form:endpoint"}), the rest at the top.
   */
  public static void show(RequestRejected rejected, Map<String, String> inputs) {
    if (rejected.fieldErrors().isEmpty()) {
      error(rejected.getMessage());
      return;
    }
    for (RequestRejected.FieldError field : rejected.fieldErrors()) {
      String clientId = inputs.get(field.field());
      if (clientId == null) {
        error(field.field() + ": " + field.message());
      } else {
        add(clientId, FacesMessage.SEVERITY_ERROR, field.message());
      }
    }
    FacesContext.getCurrentInstance().validationFailed();
  }

  private static void add(String clientId, FacesMessage.Severity severity, String message) {
    FacesContext context = FacesContext.getCurrentInstance();
    context.addMessage(clientId, new FacesMessage(severity, message, null));
    context.getExternalContext().getFlash().setKeepMessages(true);
  }
}
