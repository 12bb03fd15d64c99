package org.mailhub.user;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.ui.Pages;
import org.primefaces.PrimeFaces;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The API keys page: the keys, newest first; admins create and revoke them. A new key's secret is
 * kept for the one answer that shows it (a request attribute), never in the view, so that it cannot
 * be shown again.
 */
@Named
@ViewScoped
public class ApiKeyList implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String CREATED = "mailhub.createdApiKey";

  @Inject ApiKeyService keys;
  @Inject Account account;

  private String name;
  private Role role = Role.VIEWER;

  private final LazyDataModel<ApiKeyResponse> model =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
          return (int) Math.min(Integer.MAX_VALUE, keys.page(0, 1).total());
        }

        @Override
        public List<ApiKeyResponse> load(
            int first,
            int pageSize,
            Map<String, SortMeta> sortBy,
            Map<String, FilterMeta> filterBy) {
          return keys.page(first / pageSize, pageSize).items();
        }

        @Override
        public String getRowKey(ApiKeyResponse key) {
          return String.valueOf(key.id());
        }
      };

  public void create() {
    try {
      ApiKeyResponse created = keys.create(name, role.name(), account.getName());
      FacesContext.getCurrentInstance().getAttributes().put(CREATED, created);
      PrimeFaces.current().ajax().addCallbackParam("created", true);
      Pages.info("API key " + created.name() + " created as " + created.role().roleName());
      name = null;
      role = Role.VIEWER;
    } catch (RequestRejected e) {
      Pages.show(e, Map.of("name", "create:name", "role", "create:role"));
    }
  }

  /** The key just created, with its secret, in the answer to its creation only; else null. */
  public ApiKeyResponse getCreated() {
    return (ApiKeyResponse) FacesContext.getCurrentInstance().getAttributes().get(CREATED);
  }

  public void revoke(ApiKeyResponse key) {
    try {
      keys.revoke(key.id());
      Pages.info("API key " + key.name() + " revoked");
    } catch (RequestRejected e) {
      Pages.error(e.getMessage());
    }
  }

  public LazyDataModel<ApiKeyResponse> getModel() {
    return model;
  }

  public Role[] getRoles() {
    return Role.values();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Role getRole() {
    return role;
  }

  public void setRole(Role role) {
    this.role = role;
  }
}
