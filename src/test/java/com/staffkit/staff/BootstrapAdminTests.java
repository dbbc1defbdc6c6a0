package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

class BootstrapAdminTests extends IntegrationTest {

    @Autowired
    BootstrapAdmin bootstrapAdmin;

    @Test
    void createdOneActiveSuperadminFromConfiguration() {
        List<String> roles =
                jdbc.sql("""
                        select r.name from staff s join staff_roles sr on sr.staff_id = s.id
                        join roles r on r.id = sr.role_id where lower(s.email) = lower(:email)""").param("email", ADMIN_EMAIL).query(String.class).list();
        assertThat(roles).containsExactly("superadmin");
        assertThat(superadminToken()).isNotBlank();
    }

    @Test
    void startingAgainConcurrentlyCreatesNoOtherSuperadmin() throws Exception {
        long before = activeSuperadmins();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit((Callable<Void>) () -> {
                    bootstrapAdmin.run(new DefaultApplicationArguments());
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(activeSuperadmins()).isEqualTo(before);
    }

    @Test
    void storesOnlyAPasswordHash() {
        String hash = jdbc.sql("select password_hash from staff where lower(email) = lower(:email)")
                .param("email", ADMIN_EMAIL)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(ADMIN_PASSWORD);
    }

    private long activeSuperadmins() {
        return jdbc.sql("""
                        select count(*) from staff s join staff_roles sr on sr.staff_id = s.id
                        join roles r on r.id = sr.role_id
                        where r.is_built_in and r.name = 'superadmin' and s.is_active""").query(Long.class).single();
    }
}
