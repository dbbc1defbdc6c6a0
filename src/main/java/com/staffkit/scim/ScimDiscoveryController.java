package com.staffkit.scim;

import com.staffkit.common.error.NotFoundException;
import com.staffkit.role.Requires;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /scim/v2}'s discovery endpoints (RFC 7644 §4), for callers holding {@code scim:provision}. */
@RestController
@RequestMapping(ScimDiscovery.BASE)
class ScimDiscoveryController {

    private final ScimDiscovery discovery;

    ScimDiscoveryController(ScimDiscovery discovery) {
        this.discovery = discovery;
    }

    @GetMapping("/ServiceProviderConfig")
    @Requires.ScimProvision
    ResponseEntity<JsonNode> serviceProviderConfig() {
        return ScimJson.ok(discovery.serviceProviderConfig());
    }

    @GetMapping("/ResourceTypes")
    @Requires.ScimProvision
    ResponseEntity<JsonNode> resourceTypes() {
        return ScimJson.ok(ListResponse.of(discovery.resourceTypes()));
    }

    @GetMapping("/ResourceTypes/{id}")
    @Requires.ScimProvision
    ResponseEntity<JsonNode> resourceType(@PathVariable String id) {
        return ScimJson.ok(
                discovery.resourceType(id).orElseThrow(() -> new NotFoundException("No resource type " + id + ".")));
    }

    @GetMapping("/Schemas")
    @Requires.ScimProvision
    ResponseEntity<JsonNode> schemas() {
        return ScimJson.ok(ListResponse.of(discovery.schemas()));
    }

    @GetMapping("/Schemas/{id}")
    @Requires.ScimProvision
    ResponseEntity<JsonNode> schema(@PathVariable String id) {
        return ScimJson.ok(discovery.schema(id).orElseThrow(() -> new NotFoundException("No schema " + id + ".")));
    }
}
