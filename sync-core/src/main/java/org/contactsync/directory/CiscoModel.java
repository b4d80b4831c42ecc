package org.contactsync.directory;

import java.util.Locale;

/**
 * What a Cisco phone model can show, from its {@code x-CiscoIPPhoneModelName} header ("CP-7942G", "CP-8841"):
 * how many soft keys fit, whether it shows a Prompt line besides the Title, and how long a menu line may be.
 * Unknown or missing models get {@link #DEFAULT}, which every XML-capable Cisco phone displays.
 *
 * @param family    the family name shown in docs/directory.md
 * @param softKeys  soft keys on one screen (2 or 4); with 2, paging moves into the menu as "Next..."/"Prev..."
 * @param prompt    whether the Prompt line is shown (models with one line show only the Title; the prompt text
 *                  then goes nowhere and is left out)
 * @param maxLine   characters of a Title, Prompt or menu line
 */
public record CiscoModel(String family, int softKeys, boolean prompt, int maxLine) {
    /** 7940/7960 class and everything unknown: 4 soft keys, Title and Prompt, 32 characters. */
    public static final CiscoModel DEFAULT = new CiscoModel("default (79x0, 794x/796x/797x)", 4, true, 32);
    /** 7905/7912: two soft keys, a small display without a separate prompt line. */
    public static final CiscoModel SMALL = new CiscoModel("7905, 7912", 2, false, 16);
    /** 7906/7911: four soft keys, a narrower display. */
    public static final CiscoModel NARROW = new CiscoModel("7906, 7911, 6911/6921", 4, false, 24);
    /** 78xx/88xx/99xx: four soft keys, wide colour display. */
    public static final CiscoModel WIDE = new CiscoModel("78xx, 88xx, 89xx, 99xx", 4, true, 32);

    /** The profile of a model name as the phone sends it (any case, with or without "CP-" and a suffix). */
    public static CiscoModel of(String modelName) {
        if (modelName == null || modelName.isBlank()) {
            return DEFAULT;
        }
        String m = modelName.strip().toUpperCase(Locale.ROOT);
        if (m.startsWith("CISCO ")) {
            m = m.substring(6);
        }
        if (m.startsWith("CP-")) {
            m = m.substring(3);
        }
        if (m.length() < 4 || !Character.isDigit(m.charAt(0))) {
            return DEFAULT;
        }
        String n = m.substring(0, 4);
        if (n.equals("7905") || n.equals("7912")) {
            return SMALL;
        }
        if (n.equals("7906") || n.equals("7911") || n.startsWith("69")) {
            return NARROW;
        }
        if (n.startsWith("78") || n.startsWith("88") || n.startsWith("89") || n.startsWith("99")) {
            return WIDE;
        }
        return DEFAULT;
    }
}
