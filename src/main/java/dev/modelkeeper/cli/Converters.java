package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.RepoType;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The option values that need more than a plain string, each refused with a sentence in the user's language.
 * Created by {@link CliFactory}, which hands them the texts.
 */
final class Converters {

    private Converters() {
    }

    /** {@code --type} of download: the types the official client downloads. */
    static final class DownloadType implements ITypeConverter<RepoType> {
        private final CliTexts texts;

        DownloadType(CliTexts texts) {
            this.texts = texts;
        }

        @Override
        public RepoType convert(String value) {
            return RepoType.fromId(value).filter(t -> t.folderPrefix() != null && t != RepoType.KERNEL)
                    .orElseThrow(() -> new TypeConversionException(texts.format("download.badType", value)));
        }
    }

    /** {@code --type} of verify and repair: every type with a cache folder (kernels too). */
    static final class CachedType implements ITypeConverter<RepoType> {
        private final CliTexts texts;

        CachedType(CliTexts texts) {
            this.texts = texts;
        }

        @Override
        public RepoType convert(String value) {
            return RepoType.fromId(value).filter(t -> t.folderPrefix() != null)
                    .orElseThrow(() -> new TypeConversionException(texts.format("verify.badType", value)));
        }
    }

    /** {@code 500k}, {@code 10M}, {@code 1G} bytes per second (decimal units), or plain bytes. */
    static final class Rate implements ITypeConverter<Long> {
        private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)([kKmMgG]?)");
        private final CliTexts texts;

        Rate(CliTexts texts) {
            this.texts = texts;
        }

        @Override
        public Long convert(String value) {
            var m = RATE.matcher(value.strip());
            if (!m.matches()) {
                throw new TypeConversionException(texts.format("download.badRate", value));
            }
            double factor = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
                case "k" -> 1e3;
                case "m" -> 1e6;
                case "g" -> 1e9;
                default -> 1;
            };
            return (long) (Double.parseDouble(m.group(1)) * factor);
        }
    }

    /** A whole number from 1 to 64 (download's {@code --jobs}, {@code --connections}). */
    abstract static class Count implements ITypeConverter<Integer> {
        private final CliTexts texts;
        private final String option;

        Count(CliTexts texts, String option) {
            this.texts = texts;
            this.option = option;
        }

        @Override
        public Integer convert(String value) {
            Integer n = wholeNumber(value);
            if (n == null || n < 1 || n > 64) {
                throw new TypeConversionException(texts.format("download.badCount", option, value));
            }
            return n;
        }
    }

    static final class Jobs extends Count {
        Jobs(CliTexts texts) {
            super(texts, "--jobs");
        }
    }

    static final class RequestRate extends Count {
        RequestRate(CliTexts texts) {
            super(texts, "--rate");
        }
    }

    static final class Connections extends Count {
        Connections(CliTexts texts) {
            super(texts, "--connections");
        }
    }

    /** verify's {@code --threads}: a whole number from 1 up. */
    static final class Threads implements ITypeConverter<Integer> {
        private final CliTexts texts;

        Threads(CliTexts texts) {
            this.texts = texts;
        }

        @Override
        public Integer convert(String value) {
            Integer n = wholeNumber(value);
            if (n == null || n < 1) {
                throw new TypeConversionException(texts.format("verify.badThreads", value));
            }
            return n;
        }
    }

    private static Integer wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code --older-than} and {@code --unused}: {@code N} and a unit as {@code hf cache ls} filters take it. */
    static final class Age implements ITypeConverter<java.time.Duration> {
        private static final Pattern AGE = Pattern.compile("(\\d{1,6})(s|m|h|d|w|mo|y)");
        private final CliTexts texts;

        Age(CliTexts texts) {
            this.texts = texts;
        }

        @Override
        public java.time.Duration convert(String value) {
            var m = AGE.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException(texts.format("prune.badAge", value));
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> java.time.Duration.ofSeconds(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                case "h" -> java.time.Duration.ofHours(n);
                case "d" -> java.time.Duration.ofDays(n);
                case "w" -> java.time.Duration.ofDays(7 * n);
                case "mo" -> java.time.Duration.ofDays(30 * n);
                default -> java.time.Duration.ofDays(365 * n);
            };
        }
    }
}
