package dev.modelkeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates what picocli instantiates itself (converters, the help command), handing converters the texts. */
final class CliFactory implements IFactory {

    private final CliTexts texts;

    CliFactory(CliTexts texts) {
        this.texts = texts;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            var withTexts = type.getDeclaredConstructor(CliTexts.class);
            return withTexts.newInstance(texts);
        } catch (NoSuchMethodException plain) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
