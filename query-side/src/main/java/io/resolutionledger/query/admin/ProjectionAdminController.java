package io.resolutionledger.query.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The projections' administration (admins only, see SecurityConfig): where each stands, and rebuilding one. */
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionAdminController {

    private final ProjectionAdmin admin;

    public ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    public Map<String, List<ProjectionAdmin.ProjectionView>> list() {
        return Map.of("items", admin.all());
    }

    @GetMapping("/{name}")
    public ProjectionAdmin.ProjectionView get(@PathVariable String name) {
        return admin.get(name);
    }

    /** 202: the replay runs on beside the live model; follow it at the Location. */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<ProjectionAdmin.ProjectionView> rebuild(@PathVariable String name) {
        ProjectionAdmin.ProjectionView view = admin.rebuild(name);
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections/" + view.name())).body(view);
    }

    /** Gives up a running rebuild of read-models: the live generation stays as it is. */
    @DeleteMapping("/{name}/rebuild")
    public ProjectionAdmin.ProjectionView cancel(@PathVariable String name) {
        return admin.cancel(name);
    }
}
