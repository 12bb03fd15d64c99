package org.mailhub.profile;

import jakarta.faces.component.UIData;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.mailhub.ui.Pages;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The profiles page: search and page through profiles, import a CSV file. */
@Named
@ViewScoped
public class ProfileList implements Serializable {

  private static final long serialVersionUID = 1L;

  static final String TABLE = "list:profiles";
  static final int SHOWN_PROPERTIES = 8;
  static final int SHOWN_VALUE = 60;

  /** One property as the table shows it. */
  public record Property(String name, String value) {

    /** The value, shortened to fit a table cell. */
    public String shown() {
      return value.length() <= SHOWN_VALUE ? value : value.substring(0, SHOWN_VALUE - 1) + "…";
    }
  }

  @Inject ProfileService profiles;
  @Inject ProfileImport imports;

  private String search;
  // the uploaded file lives for one request; the report is shown once, after the import
  private transient Part csvFile;
  private transient ImportReport report;

  private final LazyDataModel<ProfileResponse> model =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
          return (int) Math.min(Integer.MAX_VALUE, profiles.count(searched()));
        }

        @Override
        public List<ProfileResponse> load(
            int first,
            int pageSize,
            Map<String, SortMeta> sortBy,
            Map<String, FilterMeta> filterBy) {
          return profiles.list(searched(), first / pageSize, pageSize);
        }

        @Override
        public String getRowKey(ProfileResponse profile) {
          return profile.id().toString();
        }
      };

  /** The search changed: show its first page. */
  public void filter() {
    ((UIData) FacesContext.getCurrentInstance().getViewRoot().findComponent(TABLE)).setFirst(0);
  }

  /** Streams the uploaded file into the import, never holding it in memory. */
  public void importCsv() {
    try (Reader csv = new InputStreamReader(csvFile.getInputStream(), StandardCharsets.UTF_8)) {
      report = imports.fromCsv(csv);
    } catch (IOException e) {
      Pages.error("The file cannot be read: " + e.getMessage());
      return;
    }
    if (report.getError() == null) {
      Pages.info(outcome(report));
    } else {
      Pages.error(outcome(report));
    }
  }

  static String outcome(ImportReport report) {
    String counts =
        "%d created, %d updated, %d rejected"
            .formatted(report.getCreated(), report.getUpdated(), report.getRejected());
    if (report.getError() == null) {
      return "Imported: " + counts;
    }
    boolean nothing = report.getCreated() + report.getUpdated() + report.getRejected() == 0;
    return "The import stopped: "
        + report.getError()
        + (nothing ? "" : ". The rows before it were imported: " + counts);
  }

  /** The first properties of a profile, as text. */
  public List<Property> properties(ProfileResponse profile) {
    return properties(profile.properties());
  }

  /** How many properties {@link #properties(ProfileResponse)} leaves out. */
  public int moreProperties(ProfileResponse profile) {
    return Math.max(0, profile.properties().size() - SHOWN_PROPERTIES);
  }

  static List<Property> properties(JsonObject properties) {
    return properties.entrySet().stream()
        .limit(SHOWN_PROPERTIES)
        .map(
            p ->
                new Property(
                    p.getKey(),
                    p.getValue() instanceof JsonString text
                        ? text.getString()
                        : p.getValue().toString()))
        .toList();
  }

  private String searched() {
    return search == null || search.isBlank() ? null : search.strip();
  }

  public LazyDataModel<ProfileResponse> getModel() {
    return model;
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public Part getCsvFile() {
    return csvFile;
  }

  public void setCsvFile(Part csvFile) {
    this.csvFile = csvFile;
  }

  public ImportReport getReport() {
    return report;
  }
}
