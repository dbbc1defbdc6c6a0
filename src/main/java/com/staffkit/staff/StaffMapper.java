package com.staffkit.staff;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface StaffMapper {

    @Mapping(target = "organization", source = "organizationId")
    @Mapping(target = "fullName", expression = "java(row.firstName() + \" \" + row.lastName())")
    @Mapping(target = "isActive", source = "active")
    @Mapping(target = "fullStoreAccess", source = "seesAllStores")
    @Mapping(target = "generatedPassword", ignore = true)
    StaffResponse toResponse(StaffRow row);

    /** The current state as a full-replace request: the base a merge patch applies to. */
    UpdateStaffRequest toUpdateRequest(StaffResponse staff);

    default Long storeId(StaffResponse.StoreSummary store) {
        return store.id();
    }
}
