package dev.modelkeeper.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentCheckTest {

    @TempDir
    Path home;

    private List<Finding> check(Map<String, String> vars, Machine machine) {
        var all = new HashMap<>(vars);
        all.putIfAbsent("HOME", home.toString());
        return new EnvironmentCheck(Environment.of(all, Environment.Os.LINUX, home.toString()), machine).run();
    }

    static Finding one(List<Finding> findings, String code) {
        var found = findings.stream().filter(f -> f.code().equals(code)).toList();
        assertEquals(1, found.size(), code + " in " + codes(findings));
        return found.getFirst();
    }

    static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    static String text(Finding f) {
        return f.sentence().render(Locale.ENGLISH);
    }

    static String fix(Finding f) {
        return f.fixMessage().orElseThrow().render(Locale.ENGLISH);
    }

    @Test
    void withoutVariablesTheDefaultUnderHomeIsExplainedAndNothingIsAProblem() {
        var findings = check(Map.of(), Machines.bare());

        assertEquals(List.of("env.default"), codes(findings));
        assertEquals("No cache variable is set: the hub cache is " + home.resolve(".cache/huggingface/hub")
                + ", the default under HOME=" + home + ".", text(findings.getFirst()));
    }

    @Test
    void eachVariableSaysWhichCacheItSelects() {
        var findings = check(Map.of("HF_HOME", "/data/hf", "TORCH_HOME", "/data/torch", "MODELSCOPE_CACHE", "/data/ms"),
                Machines.bare());

        var texts = findings.stream().filter(f -> f.code().equals("env.variable")).map(EnvironmentCheckTest::text).toList();
        assertEquals(List.of("HF_HOME=/data/hf selects /data/hf (token, xet, assets) with the hub cache /data/hf/hub.",
                "TORCH_HOME=/data/torch selects the PyTorch hub cache /data/torch/hub.",
                "MODELSCOPE_CACHE=/data/ms selects the ModelScope cache /data/ms."), texts);
    }

    @Test
    void transformersCacheElsewhereThanTheHubCacheIsAConflict() {
        var findings = check(Map.of("HF_HUB_CACHE", "/data/hf/hub", "TRANSFORMERS_CACHE", "/old/transformers"),
                Machines.bare());

        Finding f = one(findings, "env.transformers");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(text(f).startsWith("TRANSFORMERS_CACHE=/old/transformers differs from the hub cache /data/hf/hub"),
                text(f));
        assertTrue(fix(f).contains("export HF_HUB_CACHE=/old/transformers"), fix(f));
    }

    @Test
    void theLegacyHubVariableLosesToTheNewOne() {
        var findings = check(Map.of("HF_HUB_CACHE", "/a", "HUGGINGFACE_HUB_CACHE", "/b"), Machines.bare());

        assertEquals(Severity.WARNING, one(findings, "env.legacyHubCache").severity());
        assertTrue(findings.stream().map(EnvironmentCheckTest::text)
                .anyMatch(t -> t.equals("HUGGINGFACE_HUB_CACHE=/b selects nothing: HF_HUB_CACHE is set and wins.")));
    }

    @Test
    void aVariableTheLoginFilesSetOtherwiseThanThisShellIsNamedWithItsFile() throws Exception {
        Files.writeString(home.resolve(".profile"), "# comment\nexport PATH=$PATH:/x\nexport HF_HOME=\"$HOME/models\"\n");
        Files.createDirectories(home.resolve(".config/environment.d"));
        Files.writeString(home.resolve(".config/environment.d/50-torch.conf"), "TORCH_HOME=~/torch # for services\n");

        var findings = check(Map.of("TORCH_HOME", home.resolve("torch").toString()), Machines.bare());

        Finding f = one(findings, "env.loginDiffers");
        assertEquals("~/.profile sets HF_HOME=" + home + "/models, but this shell has nothing: a new login and this shell"
                + " use different caches.", text(f));
        assertEquals(home.resolve("models"), f.path());
        assertFalse(codes(findings).contains("env.shellOnly"), "TORCH_HOME agrees: " + codes(findings));
    }

    @Test
    void aVariableSetOnlyInThisShellIsNotSeenByServices() {
        var findings = check(Map.of("HF_HUB_CACHE", "/data/hf"), Machines.bare());

        Finding f = one(findings, "env.shellOnly");
        assertTrue(text(f).endsWith("uses the hub cache " + home.resolve(".cache/huggingface/hub") + "."), text(f));
        assertEquals("Add the line export HF_HUB_CACHE=/data/hf to ~/.profile (or HF_HUB_CACHE=/data/hf to a file in"
                + " ~/.config/environment.d/), then log in again.", fix(f));
        assertTrue(f.safeFix());
    }

    @Test
    void sudoSendsAProgramToRootsCache() {
        var machine = Machines.withAccounts(Machines.withUid(Machines.bare(), 0),
                new Accounts(Map.of(), Map.of("alice", Path.of("/home/alice"))));

        var findings = check(Map.of("HOME", "/root", "SUDO_USER", "alice"), machine);

        Finding f = one(findings, "env.sudo");
        assertEquals("This runs under sudo for alice with HOME=/root: a program run with sudo uses /root/.cache/huggingface,"
                + " not alice's cache /home/alice/.cache/huggingface.", text(f));
        assertTrue(fix(f).contains("sudo HF_HOME=/home/alice/.cache/huggingface"), fix(f));
    }

    @Test
    void loginLinesThatRunCommandsAreNotGuessed() {
        assertEquals(null, LoginEnvironment.unquote("$(cat /etc/hf)"));
        assertEquals("/a b", LoginEnvironment.unquote("'/a b'"));
        assertEquals("/x", LoginEnvironment.unquote("/x # note"));
    }
}
