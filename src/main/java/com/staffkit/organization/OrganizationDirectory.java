package com.staffkit.organization;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other features need to know about organizations. */
@Service
@Transactional(readOnly = true)
public class OrganizationDirectory {

    private final JdbcClient jdbc;

    OrganizationDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the organization and every organization above it are active ({@code organization_active}, V21). */
    public boolean isActive(long organizationId) {
        return jdbc.sql("select exists (select 1 from organizations where id = :id and organization_active(path))")
                .param("id", organizationId)
                .query(Boolean.class)
                .single();
    }

    public String name(long organizationId) {
        return jdbc.sql("select name from organizations where id = :id")
                .param("id", organizationId)
                .query(String.class)
                .single();
    }

    /** The organization a fresh database starts with, created by migration. */
    public long defaultOrganizationId() {
        return jdbc.sql("select id from organizations where slug = 'default'")
                .query(Long.class)
                .single();
    }
}
