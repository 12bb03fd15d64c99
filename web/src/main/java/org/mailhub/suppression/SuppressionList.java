package org.mailhub.suppression;

import jakarta.faces.component.UIData;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.profile.Profile;
import org.mailhub.ui.Pages;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The suppressions page: search, resubscribe, suppress by hand. */
@Named
@ViewScoped
public class SuppressionList implements Serializable {

  private static final long serialVersionUID = 1L;

  static final String TABLE = "list:suppressions";
  static final String NEW_EMAIL = "new:newEmail";

  @Inject SuppressionService suppressions;

  private String search;
  private SuppressionReason reason;

  @NotBlank(message = "is required")
  @Email(message = "is not a valid email address")
  @Size(max = Profile.MAX_EMAIL_LENGTH, message = "is too long")
  private String newEmail;

  private SuppressionReason newReason = SuppressionReason.MANUAL;

  private final LazyDataModel<SuppressionResponse> model =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
          return (int) Math.min(Integer.MAX_VALUE, suppressions.count(searched(), reason));
        }

        @Override
        public List<SuppressionResponse> load(
            int first,
            int pageSize,
            Map<String, SortMeta> sortBy,
            Map<String, FilterMeta> filterBy) {
          return suppressions.list(searched(), reason, first / pageSize, pageSize);
        }

        @Override
        public String getRowKey(SuppressionResponse suppression) {
          return suppression.email();
        }
      };

  /** The filters changed: show their first page. */
  public void filter() {
    ((UIData) FacesContext.getCurrentInstance().getViewRoot().findComponent(TABLE)).setFirst(0);
  }

  public void add() {
    try {
      SuppressionResponse added = suppressions.add(new SuppressionRequest(newEmail, newReason));
      if (added.reason() == newReason) {
        Pages.info(added.email() + " suppressed");
      } else {
        Pages.info(added.email() + " was already suppressed: " + label(added.reason()));
      }
      newEmail = null;
      newReason = SuppressionReason.MANUAL;
    } catch (RequestRejected rejected) {
      Pages.show(rejected, Map.of("email", NEW_EMAIL));
    }
  }

  public void remove(String email) {
    try {
      suppressions.remove(email);
      Pages.info(email + " resubscribed");
    } catch (RequestRejected rejected) {
      Pages.show(rejected, Map.of());
    }
  }

  /** HARD_BOUNCE as "Hard bounce". */
  public String label(SuppressionReason reason) {
    return labelOf(reason);
  }

  /** HARD_BOUNCE as "Hard bounce", wherever a reason is shown. */
  public static String labelOf(SuppressionReason reason) {
    String words = reason.name().replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  public SuppressionReason[] getReasons() {
    return SuppressionReason.values();
  }

  private String searched() {
    return search == null || search.isBlank() ? null : search.strip();
  }

  public LazyDataModel<SuppressionResponse> getModel() {
    return model;
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public SuppressionReason getReason() {
    return reason;
  }

  public void setReason(SuppressionReason reason) {
    this.reason = reason;
  }

  public String getNewEmail() {
    return newEmail;
  }

  public void setNewEmail(String newEmail) {
    this.newEmail = newEmail;
  }

  public SuppressionReason getNewReason() {
    return newReason;
  }

  public void setNewReason(SuppressionReason newReason) {
    this.newReason = newReason;
  }
}
