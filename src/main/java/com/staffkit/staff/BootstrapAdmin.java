package com.staffkit.staff;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleGrant;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Creates the first superadmin when no active one exists. Instances starting together over one
 * database serialize on an advisory lock, so exactly one is created.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminProperties properties;
    private final StaffRepository repository;
    private final RoleCatalog roles;
    private final OrganizationDirectory organizations;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BootstrapAdmin(
            BootstrapAdminProperties properties,
            StaffRepository repository,
            RoleCatalog roles,
            OrganizationDirectory organizations,
            PasswordEncoder passwordEncoder,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock) {
        this.properties = properties;
        this.repository = repository;
        this.roles = roles;
        this.organizations = organizations;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> createIfMissing());
    }

    private void createIfMissing() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('staffkit.bootstrap-admin'))")
                .query((rs, row) -> 1)
                .list();
        boolean exists = jdbc.sql("""
                        select exists (select 1 from staff s
                                       join staff_roles sr on sr.staff_id = s.id
                                       join roles r on r.id = sr.role_id
                                       where r.is_built_in and r.name = 'superadmin'
                                         and s.is_active and not s.is_service_user)
                        """).query(Boolean.class).single();
        if (exists) {
            return;
        }
        String email =
                StringUtils.hasText(properties.email()) ? properties.email().trim() : "admin@localhost";
        boolean taken = jdbc.sql("select exists (select 1 from login_identifiers where identifier = lower(:email))")
                .param("email", email)
                .query(Boolean.class)
                .single();
        if (taken) {
            log.warn(
                    "No active superadmin exists, and {} already belongs to another account; set"
                            + " STAFFKIT_BOOTSTRAP_ADMIN_EMAIL to a free email to create one.",
                    email);
            return;
        }
        boolean generated = !StringUtils.hasText(properties.password());
        String password = generated ? GeneratedPasswords.next() : properties.password();
        if (!generated) {
            try {
                PasswordPolicy.check("password", password, email, null);
            } catch (InvalidRequestException ex) {
                log.error(
                        "STAFFKIT_BOOTSTRAP_ADMIN_PASSWORD is not acceptable ({}); no superadmin was created.",
                        ex.errors().getFirst().message());
                return;
            }
        }
        RoleGrant superadmin = roles.findBuiltIn(RoleGrant.SUPERADMIN).orElseThrow();
        StaffProfile profile = new StaffProfile(
                null,
                email,
                "Staffkit",
                "Admin",
                "Administrator",
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                List.of(),
                true,
                true);
        Staff admin =
                Staff.create(organizations.defaultOrganizationId(), profile, Set.of(superadmin.id()), clock.instant());
        admin.setInitialPassword(passwordEncoder.encode(password));
        repository.saveAndFlush(admin);
        if (generated) {
            log.warn("""

                    ================================================================
                      Staffkit created the first superadmin.
                        username: {}
                        password: {}
                      This password is shown only this once. Log in with
                      POST /api/v1/auth/login and change it.
                    ================================================================""", email, password);
        } else {
            log.info("Created the first superadmin {} from STAFFKIT_BOOTSTRAP_ADMIN_EMAIL/_PASSWORD", email);
        }
    }
}
