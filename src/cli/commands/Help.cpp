// `raadsbrief --help` and `--version`.
#include <iostream>
#include <sstream>

#include "ExitCodes.hpp"
#include "commands/Commands.hpp"

namespace raadsbrief::cli {

namespace {

constexpr const char* kUsage = R"(raadsbrief - jeugdhulpcijfers in raadsstukken (LibreOffice Writer)

Gebruik:
  raadsbrief generate --template SJABLOON --municipality GEMEENTE --output BESTAND
                      [--period PERIODE] [--source BRON] [opties]
  raadsbrief refresh DOCUMENT [--source BRON] [--dry-run] [opties]
  raadsbrief batch --template NAAM --municipalities all|BESTAND|CODES
                   --output-dir MAP [--pdf] [--jobs N] [--shard I/N]
                   [--period PERIODE] [--source BRON] [opties]
  raadsbrief templates [opties]
  raadsbrief municipalities [--source BRON] [opties]
  raadsbrief --help | --version

generate   Maakt een document. SJABLOON is de naam van een meegeleverd sjabloon of
           het pad van een eigen .ott (bijvoorbeeld met de huisstijl opgeslagen);
           GEMEENTE is een naam (Leiden) of CBS-code (GM0546);
           PERIODE is een jaar (2025), een halfjaar (2025-H1, ook CBS' 2025HJ01) of
           latest (de nieuwste periode met cijfers van de gemeente, ook een
           halfjaar); standaard het nieuwste jaar. Het formaat volgt uit de
           extensie van BESTAND: .odt, .pdf of .docx. Een bestaand bestand wordt
           alleen vervangen door een volledig nieuw bestand; het houdt zijn rechten
           (een alleen-lezen bestand alleen met --force). Is BESTAND een symbolische
           koppeling, dan krijgt het bestand waarnaar die wijst de nieuwe inhoud.
refresh    Werkt de cijfers bij in een document dat Raadsbrief maakte (.odt of
           .docx): elk gekoppeld cijfer, elke zin, tabel en grafiek wordt opnieuw
           gemaakt, standaard uit de bronnen die in het document staan (--source
           vervangt ze). Tekst die u zelf schreef blijft staan; een cijfer dat u met
           de hand wijzigde ook (het wordt gemeld). Toont oud → nieuw. Met --dry-run
           verandert er niets. Mislukt het, dan blijft het bestand zoals het was.
           Het bestand houdt zijn rechten; een alleen-lezen bestand wordt alleen
           met --force bijgewerkt.
batch      Maakt het document voor veel gemeenten tegelijk, met een pool van
           LibreOffice-processen (--jobs, standaard één per processorkern) die elk
           veel documenten maken. 'all' is elke gemeente van de bron (gemeenten
           zonder cijfers worden overgeslagen: "geen cijfers"); BESTAND heeft één
           code of naam per regel; CODES is een lijst als GM0546,GM0518. Uitvoer:
           MAP/GM0546-leiden.odt (en .pdf met --pdf). Wat al gemaakt is, wordt
           overgeslagen (hervatten); een mislukte gemeente stopt de rest niet. Aan het
           eind een samenvatting, ook als MAP/raadsbrief-batch.json. --shard I/N
           maakt alleen deel I van N (verdeling over machines, zie docs/batch.md).
           --timeout SECONDEN: een document dat langer duurt, wordt afgebroken
           (standaard 300).
templates  Toont de meegeleverde sjablonen.
municipalities
           Toont de gemeenten van de bron (code, naam, jeugdregio).

Bron (--source): 'bundled' (standaard: de meegeleverde voorbeeldcijfers), 'cbs' (de
jeugdzorgtabellen van CBS StatLine), een CBS-adres (een tabel, of .../odata/v1/CBS),
een datasetbestand in het Raadsbrief-formaat (docs/dataset-format.md) of het adres van
een Raadsbrief-rapportage-API (http://127.0.0.1:8085/api/v1; docs/reporting-api.md).
--source mag vaker: de eerste bron gaat voor, volgende vullen aan wat ontbreekt.
Een token voor de API komt uit de omgevingsvariabele RAADSBRIEF_TOKEN.
  --allow-stale    is de bron onbereikbaar, gebruik dan de laatst opgehaalde cijfers
                   uit de cache; het document vermeldt van welke datum ze zijn
  --pdfa           PDF als PDF/A-2b (voor archivering); PDF is altijd getagd (PDF/UA)
  --strict         staat een cijfer van het sjabloon niet in de bron(nen), stop dan
                   (afsluitcode 5) in plaats van dat deel weg te laten; zonder --strict
                   wordt het document gemaakt met wat er is en staat op stderr wat er
                   is weggelaten
  --insecure-tls URL
                   controleer het https-certificaat van deze ene bron niet (alleen
                   voor testservers; URL moet ook als --source gegeven zijn)

Opties:
  --profile MAP    LibreOffice-profiel voor de headless soffice
                   (standaard ~/.cache/raadsbrief/profile)
  --connect PIPE   gebruik een soffice die luistert op --accept=pipe,name=PIPE;urp;
  --oxt BESTAND    de extensie die geïnstalleerd moet zijn (standaard: de gebouwde)
  --soffice PAD    het soffice-programma (standaard: soffice)
  --force          vervang of werk ook een alleen-lezen bestand bij
  --timeout SEC    generate/refresh: stop na zoveel seconden (standaard 600); batch: per
                   document (standaard 300)
  --verbose        meer uitvoer
  --help, -h       deze hulp
  --version        versie

)";

}  // namespace

int help(const Arguments& /*a*/) {
  std::cout << kUsage;
  // The exit codes from their one table, wrapped at 80 columns like the text above.
  std::size_t column = 0;
  std::istringstream words("Afsluitcodes: " + raadsbrief::exitCodesInDutch());
  for (std::string word; words >> word;) {
    if (column > 0 && column + 1 + word.size() > 80) {
      std::cout << "\n";
      column = 0;
    }
    std::cout << (column > 0 ? " " : "") << word;
    column += (column > 0 ? 1 : 0) + word.size();
  }
  std::cout << "\n";
  return 0;
}

int version(const Arguments& /*a*/) {
  std::cout << "raadsbrief " << RAADSBRIEF_VERSION << "\n";
  return 0;
}

}  // namespace raadsbrief::cli
