package dev.modelkeeper.core.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts and groups as {@code /etc/passwd} and {@code /etc/group} list them: who is in a group (named in the
 * group or having it as primary group), and where an account's home is. Directory services (LDAP, sssd) are
 * not asked; a group they fill looks empty, and the sharing check says nothing rather than something wrong.
 *
 * @param groups members by group id
 * @param homes  home folder by account name
 */
public record Accounts(Map<Long, Set<String>> groups, Map<String, Path> homes) {

    public Accounts {
        groups = Map.copyOf(groups);
        homes = Map.copyOf(homes);
    }

    /** Reads {@code <etc>/passwd} and {@code <etc>/group}; a missing file adds nothing. */
    public static Accounts fromEtc(Path etc) {
        var groups = new HashMap<Long, Set<String>>();
        var homes = new HashMap<String, Path>();
        for (String line : lines(etc.resolve("passwd"))) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && isNumber(f[3])) {
                groups.computeIfAbsent(Long.parseLong(f[3]), g -> new LinkedHashSet<>()).add(f[0]);
                homes.put(f[0], Path.of(f[5]));
            }
        }
        for (String line : lines(etc.resolve("group"))) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && isNumber(f[2]) && !f[3].isBlank()) {
                groups.computeIfAbsent(Long.parseLong(f[2]), g -> new LinkedHashSet<>()).addAll(List.of(f[3].split(",")));
            }
        }
        return new Accounts(groups, homes);
    }

    /** The accounts in group {@code gid}. */
    public Set<String> members(long gid) {
        return groups.getOrDefault(gid, Set.of());
    }

    public Optional<Path> home(String account) {
        return Optional.ofNullable(homes.get(account));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
