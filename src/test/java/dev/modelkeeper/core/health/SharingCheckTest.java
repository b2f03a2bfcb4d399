package dev.modelkeeper.core.health;

import static dev.modelkeeper.core.health.EnvironmentCheckTest.codes;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.fix;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.one;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharingCheckTest {

    @TempDir
    Path tmp;

    private static void chmod(String mode, Path p) throws Exception {
        assertEquals(0, new ProcessBuilder("chmod", mode, p.toString()).inheritIO().start().waitFor());
    }

    /** A machine where the folder's group has the owner and alice. */
    private Machine sharedWithAlice(Path folder) throws Exception {
        var owner = SharingCheck.Owner.of(folder).orElseThrow();
        return Machines.withAccounts(Machines.bare(),
                new Accounts(Map.of(owner.gid(), Set.of(owner.owner(), "alice")), Map.of()));
    }

    @Test
    void aGroupSharedCacheNeedsGroupWritableSetgidFolders() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("shared/hub"));
        Path repo = Files.createDirectories(cache.resolve("models--org--name/snapshots"));
        chmod("2775", cache);
        chmod("755", repo.getParent());
        chmod("2775", repo);

        var findings = new SharingCheck(sharedWithAlice(cache)).run(List.of(cache), tmp.resolve("nohome"));

        Finding w = one(findings, "sharing.notGroupWritable");
        assertTrue(text(w).startsWith("1 folder of " + cache + " is not writable by the group"), text(w));
        assertTrue(text(w).contains(": alice cannot download into them"), text(w));
        assertEquals("Make them group-writable: chmod -R g+w " + cache, fix(w));
        assertTrue(w.safeFix());
        Finding s = one(findings, "sharing.noSetgid");
        assertTrue(fix(s).endsWith("find " + cache + " -type d -exec chmod g+s {} +"), fix(s));
    }

    @Test
    void aPrivateCacheIsNotJudged() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("mine/hub"));
        Files.createDirectories(cache.resolve("models--org--name"));
        chmod("755", cache);

        assertEquals(List.of(), new SharingCheck(sharedWithAlice(cache)).run(List.of(cache), tmp.resolve("nohome")));
    }

    @Test
    void aTokenTheGroupCanReadIsAnError() throws Exception {
        Path hfHome = Files.createDirectories(tmp.resolve("team-hf"));
        Path token = Files.writeString(hfHome.resolve("token"), "hf_x");
        chmod("2770", hfHome);
        chmod("640", token);

        var findings = new SharingCheck(sharedWithAlice(hfHome)).run(List.of(), hfHome);

        assertEquals(List.of("sharing.tokenReadable"), codes(findings));
        assertEquals(Severity.ERROR, findings.getFirst().severity());
        chmod("600", token);
        assertEquals(Severity.WARNING, one(new SharingCheck(sharedWithAlice(hfHome)).run(List.of(), hfHome),
                "sharing.token").severity());
    }
}
