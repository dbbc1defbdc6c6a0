package com.staffkit.staff;

import com.staffkit.common.error.ApiException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.PayloadTooLargeException;
import com.staffkit.common.input.JsonBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a bulk request's body, {@code {"items": [...]}}: at most {@link StaffBulk#MAX_ITEMS} items
 * (more: 413), each bound and validated on its own, so a malformed item is that item's 400 and not
 * the request's.
 */
@Component
class StaffBulkRequests {

    private final JsonBinding binding;

    StaffBulkRequests(JsonBinding binding) {
        this.binding = binding;
    }

    List<StaffBulk.Item<CreateStaffRequest>> creates(JsonNode body) {
        return items(body, item -> binding.bind(item, CreateStaffRequest.class));
    }

    /** Each item a staff member's {@code id} and the merge patch of its other fields. */
    List<StaffBulk.Item<StaffBulk.Change>> changes(JsonNode body) {
        return items(body, item -> {
            if (!(item instanceof ObjectNode object)) {
                throw InvalidRequestException.forField("body", "must be a JSON object");
            }
            JsonNode id = object.get("id");
            if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1) {
                throw InvalidRequestException.forField("id", "must be the id of a staff member");
            }
            ObjectNode patch = object.deepCopy();
            patch.remove("id");
            return new StaffBulk.Change(id.asLong(), patch);
        });
    }

    private static <T> List<StaffBulk.Item<T>> items(JsonNode body, Function<JsonNode, T> bind) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.forField("body", "must be a JSON object with items");
        }
        List<String> unknown = body.propertyNames().stream()
                .filter(name -> !name.equals("items"))
                .toList();
        if (!unknown.isEmpty()) {
            throw InvalidRequestException.forField(unknown.getFirst(), "is not a field of a bulk request");
        }
        JsonNode items = body.get("items");
        if (items == null || !items.isArray()) {
            throw InvalidRequestException.forField("items", "must be an array of items");
        }
        if (items.size() > StaffBulk.MAX_ITEMS) {
            throw PayloadTooLargeException.items(items.size(), StaffBulk.MAX_ITEMS);
        }
        List<StaffBulk.Item<T>> bound = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            try {
                bound.add(StaffBulk.Item.of(index, bind.apply(items.get(index))));
            } catch (ApiException refused) {
                bound.add(StaffBulk.Item.refused(index, refused));
            }
        }
        return bound;
    }
}
