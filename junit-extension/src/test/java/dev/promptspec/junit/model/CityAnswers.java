package dev.promptspec.junit.model;

import dev.promptspec.testing.FakeOpenAiServer;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a model answers to "What should I see in {{city}}?" for the cities of {@code cities.prompt.yml}. */
final class CityAnswers {

    private static final Pattern CITY = Pattern.compile("What should I see in ([^?]+)\\?");

    static final Map<String, String> ANSWERS = Map.ofEntries(
            Map.entry("Lisbon", "In Lisbon, ride the old Tram 28 up through Alfama to the Miradouro de Santa Luzia for the view over the Tagus."),
            Map.entry("Oslo", "In Oslo, walk up the sloping marble roof of the Opera House at sunset and look out over the fjord."),
            Map.entry("Turin", "In Turin, take the glass lift up the Mole Antonelliana, which also houses the National Cinema Museum."),
            Map.entry("Ghent", "In Ghent, see the Van Eyck brothers' Adoration of the Mystic Lamb in St Bavo's Cathedral."),
            Map.entry("Porto", "In Porto, cross the upper deck of the Dom Luís I Bridge on foot and end at a port lodge in Vila Nova de Gaia."),
            Map.entry("Bergen", "In Bergen, wander the wooden merchant houses of Bryggen, the old Hanseatic wharf."),
            Map.entry("Lyon", "In Lyon, explore the hidden traboules of Vieux Lyon, the covered passageways between its Renaissance houses."),
            Map.entry("Graz", "In Graz, climb the Schlossberg to the Clock Tower for a view across the red roofs of the old town."),
            Map.entry("Kraków", "In Kraków, visit the Wieliczka Salt Mine just outside the city, with chapels carved entirely from salt."),
            Map.entry("Tartu", "In Tartu, stroll through Toome Hill to the ruins of the cathedral beside the university's old observatory."),
            Map.entry("Cork", "In Cork, spend a morning in the English Market tasting local cheeses and fresh bread."),
            Map.entry("Aarhus", "In Aarhus, walk the rainbow panorama on the roof of the ARoS art museum."),
            Map.entry("Bilbao", "In Bilbao, see Frank Gehry's titanium-clad Guggenheim Museum from the riverside promenade."),
            Map.entry("Split", "In Split, walk the lanes inside Diocletian's Palace, a Roman emperor's retreat that became the old town."),
            Map.entry("Brno", "In Brno, tour Villa Tugendhat, Mies van der Rohe's modernist house listed by UNESCO."),
            Map.entry("Malmö", "In Malmö, see the twisting Turning Torso tower from the seaside boardwalk of Västra Hamnen."),
            Map.entry("Bruges", "In Bruges, climb the 366 steps of the Belfry for a view over the canals and gabled rooftops."),
            Map.entry("Delft", "In Delft, visit the Royal Delft factory to watch the blue-and-white pottery being hand-painted."),
            Map.entry("Basel", "In Basel, see the Kunstmuseum's collection, one of the oldest public art collections in the world."),
            Map.entry("Ljubljana", "In Ljubljana, cross Plečnik's Triple Bridge and follow the river to the central market."),
            Map.entry("Salzburg", "In Salzburg, take the funicular up to Hohensalzburg Fortress above the baroque old town."),
            Map.entry("Vilnius", "In Vilnius, walk through the Gates of Dawn into the old town, one of the largest in Eastern Europe."),
            Map.entry("Riga", "In Riga, look up at the Art Nouveau façades along Alberta iela, designed largely by Mikhail Eisenstein."),
            Map.entry("Tallinn", "In Tallinn, walk the medieval walls of the old town and climb one of its towers for the rooftop view."));

    private CityAnswers() {
    }

    static FakeOpenAiServer.Responder answering(Duration latency) {
        return r -> {
            Matcher m = CITY.matcher(r.lastMessage("user"));
            String city = m.find() ? m.group(1) : "?";
            return new FakeOpenAiServer.Completion(ANSWERS.getOrDefault(city, "I do not know " + city + "."))
                    .delayed(latency);
        };
    }
}
