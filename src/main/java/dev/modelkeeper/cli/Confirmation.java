package dev.modelkeeper.cli;

import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/** Asks the person at the terminal a yes/no question; empty when there is nobody to ask (no terminal). */
interface Confirmation {

    Optional<Boolean> ask(String question);

    /** The process's terminal when {@code terminal}; "y", "yes" (or 是) say yes, anything else no. */
    static Confirmation console(boolean terminal) {
        return question -> {
            Console console = System.console();
            if (!terminal || console == null) {
                return Optional.empty();
            }
            String answer = console.readLine("%s ", question);
            String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
            return Optional.of(a.equals("y") || a.equals("yes") || a.equals("是"));
        };
    }
}
