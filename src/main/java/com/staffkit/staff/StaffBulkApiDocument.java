package com.staffkit.staff;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * An item of {@code PATCH /api/v1/staffs/bulk} is the staff member's {@code id} beside the fields of
 * {@code StaffPatch}: documented as that schema with {@code id} added and required, so a generated
 * client sends both in one object. Runs after the strict-schema and merge-patch passes.
 */
@Configuration(proxyBeanMethods = false)
class StaffBulkApiDocument {

    static final String ITEM = "StaffBulkPatchItem";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer staffBulkPatchItem() {
        return api -> {
            if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
                return;
            }
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            Schema<?> patch = schemas.get("StaffPatch");
            if (patch == null || patch.getProperties() == null) {
                return;
            }
            Map<String, Schema> properties = new LinkedHashMap<>();
            properties.put(
                    "id",
                    new JsonSchema()
                            .types(Set.of("integer"))
                            .format("int64")
                            .minimum(java.math.BigDecimal.ONE)
                            .description("The staff member to change"));
            patch.getProperties().forEach((name, property) -> {
                if (!name.equals("id")) {
                    properties.put(name, property);
                }
            });
            Schema<?> item = new JsonSchema()
                    .types(Set.of("object"))
                    .description("A staff member's id and a JSON merge patch of its other fields (as updateStaff)")
                    .properties(properties)
                    .required(new ArrayList<>(List.of("id")))
                    .additionalProperties(Boolean.FALSE);
            schemas.put(ITEM, item);
        };
    }
}
