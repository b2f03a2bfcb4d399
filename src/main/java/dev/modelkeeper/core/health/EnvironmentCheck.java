package dev.modelkeeper.core.health;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.task.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which cache each official variable selects, where two of them disagree, what a new login would select
 * instead of this shell, and where {@code sudo} sends a program (spec §1).
 */
final class EnvironmentCheck {

    /** The variables that choose a cache, in the order the findings list them. */
    static final List<String> VARIABLES = List.of("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME",
            "TRANSFORMERS_CACHE", "TORCH_HOME", "MODELSCOPE_CACHE");
    private static final List<String> TRANSFORMERS = List.of("TRANSFORMERS_CACHE", "PYTORCH_TRANSFORMERS_CACHE",
            "PYTORCH_PRETRAINED_BERT_CACHE");

    private final Environment env;
    private final Machine machine;
    private final CacheLocator locator;

    EnvironmentCheck(Environment env, Machine machine) {
        this.env = env;
        this.machine = machine;
        this.locator = new CacheLocator(env);
    }

    List<Finding> run() {
        var out = new ArrayList<Finding>();
        selections(out);
        conflicts(out);
        login(out);
        sudo(out);
        return out;
    }

    /** The origin of a cache path: "HF_HOME=/data/hf", or "the default under HOME=/root". */
    static Message origin(Environment env, String variable) {
        return variable == null ? msg("origin.default", env.home().toString())
                : msg("origin.variable", variable, env.get(variable).orElse(""));
    }

    private void selections(List<Finding> out) {
        Path hub = locator.hubCache().path();
        boolean any = false;
        for (String v : VARIABLES) {
            if (env.get(v).isEmpty()) {
                continue;
            }
            any = true;
            out.add(Finding.info(Check.ENVIRONMENT, "env.variable", null, v, env.get(v).get(), selects(v, hub)));
        }
        if (!any) {
            out.add(Finding.info(Check.ENVIRONMENT, "env.default", hub, hub.toString(), env.home().toString()));
        }
    }

    private Message selects(String variable, Path hub) {
        String hubVariable = locator.hubCache().variable();
        return switch (variable) {
            case "HF_HUB_CACHE" -> msg("env.selects.hub", hub.toString());
            case "HUGGINGFACE_HUB_CACHE" -> env.get("HF_HUB_CACHE").isPresent() ? msg("env.selects.ignored", "HF_HUB_CACHE")
                    : msg("env.selects.hub", hub.toString());
            case "HF_HOME" -> "HF_HOME".equals(hubVariable)
                    ? msg("env.selects.hfHome", locator.hfHome().toString(), hub.toString())
                    : msg("env.selects.hfHomeOnly", locator.hfHome().toString(), hubVariable);
            case "XDG_CACHE_HOME" -> msg("env.selects.xdg", locator.hfHome().toString(), locator.torchHub().path().toString());
            case "TRANSFORMERS_CACHE" -> msg("env.selects.transformers", locator.expand(env.get(variable).get()).toString());
            case "TORCH_HOME" -> msg("env.selects.torch", locator.torchHub().path().toString());
            default -> msg("env.selects.modelscope", locator.modelScope().path().toString());
        };
    }

    private void conflicts(List<Finding> out) {
        Path hub = locator.hubCache().path();
        var legacy = env.get("HUGGINGFACE_HUB_CACHE");
        if (legacy.isPresent() && env.get("HF_HUB_CACHE").isPresent() && !locator.expand(legacy.get()).equals(hub)) {
            out.add(Finding.of(Check.ENVIRONMENT, Severity.WARNING, "env.legacyHubCache", hub,
                    new Object[] {env.get("HF_HUB_CACHE").get(), legacy.get()}, new Object[] {}, false));
        }
        for (String v : TRANSFORMERS) {
            var value = env.get(v);
            if (value.isPresent()) {
                Path t = locator.expand(value.get());
                if (!t.equals(hub)) {
                    out.add(Finding.of(Check.ENVIRONMENT, Severity.WARNING, "env.transformers", t,
                            new Object[] {v, t.toString(), hub.toString()}, new Object[] {v, t.toString()}, false));
                }
                break; // transformers reads the first one set
            }
        }
    }

    private void login(List<Finding> out) {
        var outside = new HashMap<>(env.variables());
        VARIABLES.forEach(outside::remove);
        Map<String, LoginEnvironment.Assignment> login = LoginEnvironment.read(env.home(), VARIABLES, outside);
        var loginVariables = new HashMap<>(outside);
        login.forEach((k, a) -> loginVariables.put(k, a.value()));
        var loginLocator = new CacheLocator(new Environment(loginVariables, env.home(), env.os()));
        Path loginHub = loginLocator.hubCache().path();
        for (String v : VARIABLES) {
            var here = env.get(v);
            var there = login.get(v);
            Path herePath = here.map(locator::expand).orElse(null);
            Path therePath = there == null ? null : loginLocator.expand(there.value());
            if (Objects.equals(herePath, therePath)) {
                continue;
            }
            if (there == null) {
                out.add(Finding.of(Check.ENVIRONMENT, Severity.WARNING, "env.shellOnly", herePath,
                        new Object[] {v, here.get(), loginHub.toString()}, new Object[] {v, here.get()}, true));
            } else {
                String file = display(there.file());
                Object shell = here.<Object>map(s -> s).orElse(msg("env.notSet"));
                out.add(Finding.of(Check.ENVIRONMENT, Severity.WARNING, "env.loginDiffers", therePath,
                        new Object[] {v, there.value(), file, shell}, new Object[] {file}, false));
            }
        }
    }

    private void sudo(List<Finding> out) {
        var sudoUser = env.get("SUDO_USER").filter(u -> !u.isEmpty() && !u.equals("root"));
        boolean rootHome = env.home().equals(Path.of("/root"));
        Path hfHome = locator.hfHome();
        if (sudoUser.isPresent() && (rootHome || machine.uid() == 0)) {
            String user = sudoUser.get();
            Path userHome = machine.accounts().home(user).orElse(Path.of("/home", user));
            var vars = new HashMap<>(env.variables());
            vars.put("HOME", userHome.toString());
            Path userHf = new CacheLocator(new Environment(vars, userHome, env.os())).hfHome();
            if (!userHf.equals(hfHome)) {
                out.add(Finding.of(Check.ENVIRONMENT, Severity.WARNING, "env.sudo", hfHome,
                        new Object[] {user, env.home().toString(), hfHome.toString(), userHf.toString()},
                        new Object[] {userHf.toString()}, false));
            }
        } else if (machine.uid() == 0 || rootHome) {
            out.add(Finding.info(Check.ENVIRONMENT, "env.root", hfHome, hfHome.toString()));
        }
    }

    private String display(Path file) {
        return file.startsWith(env.home()) ? "~/" + env.home().relativize(file) : file.toString();
    }

    static Message msg(String key, Object... args) {
        return new Message(Finding.BUNDLE, key, args);
    }
}
