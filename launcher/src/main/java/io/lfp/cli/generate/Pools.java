package io.lfp.cli.generate;

import java.util.Arrays;
import java.util.LinkedHashSet;

/** The word and name pools {@link ProductsFileGenerator} draws from. Fixed: the output depends on their order. */
final class Pools {
    static final String[] TITLES = { "Mr.", "Ms.", "Mrs.", "Dr.", "Miss", "Prof.", "Mx.", "Rev.", "Sir" };

    static final String[] SUFFIXES = { "Jr.", "Sr.", "II", "III", "PhD", "MD", "DDS", "DVM" };

    static final String[] FIRST_NAMES = distinct("""
            John Maria Michael Jennifer David Linda James Patricia Robert Elizabeth William Barbara Richard Susan
            Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret
            Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Dorothy Kevin
            Carol Brian Amanda George Melissa Edward Deborah Ronald Stephanie Timothy Rebecca Jason Sharon Jeffrey
            Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Shirley Eric Angela Jonathan Helen Stephen Anna
            Larry Brenda Justin Pamela Scott Nicole Brandon Emma Benjamin Samantha Samuel Katherine Gregory Christine
            Frank Debra Alexander Rachel Raymond Catherine Patrick Carolyn Jack Janet Dennis Ruth Jerry Maria
            Tyler Heather Aaron Diane José Virginia Adam Julie Henry Joyce Nathan Victoria Douglas Olivia Zachary
            Kelly Peter Christina Kyle Lauren Walter Joan Ethan Evelyn Jeremy Judith Harold Megan Keith Cheryl
            Christian Andrea Roger Hannah Noah Martha Gerald Jacqueline Carl Frances Terry Gloria Sean Ann Austin
            Teresa Arthur Kathryn Lawrence Sara Jesse Janice Dylan Jean Bryan Alice Joe Madison Jordan Doris
            Billy Abigail Bruce Julia Albert Judy Willie Grace Gabriel Denise Logan Amber Alan Marilyn Juan Beverly
            Wayne Danielle Roy Theresa Ralph Sophia Randy Marie Eugene Diana Vincent Brittany Russell Natalie
            Elijah Isabella Louis Charlotte Bobby Rose Philip Alexis Johnny Kayla Zoë Björn Chloé Renée Søren
            Ngozi Wei Hiroshi Aiko Priya Rahul Fatima Omar Lucía Mateo Ingrid Lars Siobhan Declan Ayşe Mehmet
            """);

    static final String[] LAST_NAMES = distinct("""
            Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
            Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
            Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
            Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker
            Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper
            Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James
            Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez
            Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez
            Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole
            Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens
            Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker
            Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz
            Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice
            Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley
            Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham
            Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman
            Müller Schröder O'Brien O'Neil Núñez Søndergaard Østergaard Kowalski Nowak Yılmaz Nakamura Tanaka
            Okafor Mensah Haddad Rossi Bianchi Dubois Lefèvre García-Márquez
            """);

    /** Words of descriptions; the first 200 also make word-word-word skus. */
    static final String[] WORDS = distinct("""
            art community floor adult your single type per back former stock thing produce successful hot tree
            past action young song himself then tax eye little last state vote country down list that speech
            economy leave choice should lead budget task author best mention often stuff professional today allow
            after door instead model seat fear evidence now sing opportunity feeling season show important fight
            wrong position fine friend interview glass pay organization possible just alone maybe education risk
            despite way want benefit manage financial story term must wife activity firm example later black win
            rest ask born wind boy marriage begin value record health laugh under notice federal hard lose need
            sell treatment certain throw executive front late because truth daughter thousand process eat employee
            have they increase water magazine child start its near necessary game everybody hospital upon suffer
            year discussion south government nothing knowledge race population exist against wear level coach girl
            situation lay raise end cup return guess step onto citizen some middle term help anyone listen enough
            check crime lamp steel cotton walnut copper linen ceramic marble granite bamboo leather velvet canvas
            wool silk oak maple cedar birch pine ash cherry teak brass chrome nickel matte glossy compact portable
            rugged deluxe classic modern vintage rustic premium basic smart wireless solar electric manual digital
            analog quiet rapid gentle sturdy slim light heavy large small medium extra ultra mini mega super micro
            nano kettle blender toaster mixer grinder heater cooler fan lantern torch drill saw hammer wrench ladder
            bucket basket shelf cabinet drawer chair table desk sofa bench stool mirror frame clock vase bowl plate
            mug jar bottle flask tray rack hook rope chain lock key bolt screw nail hinge handle knob
            """);

    static final String[] SKU_WORDS = Arrays.copyOf(WORDS, 200);

    private Pools() {
    }

    private static String[] distinct(String text) {
        return new LinkedHashSet<>(Arrays.asList(text.strip().split("\\s+"))).toArray(String[]::new);
    }
}
