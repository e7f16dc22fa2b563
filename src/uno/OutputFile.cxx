#include "OutputFile.hxx"

#include <fmt/format.h>
#include <random>

#include "Error.hpp"
#include "FileIdentity.hpp"

namespace raadsbrief::office {
namespace fs = std::filesystem;

OutputFile inspectOutput(const fs::path& output) {
  OutputFile file;
  // Write through symlinks: the link stays, its target gets the new content (the rename happens
  // in the target's folder).
  fs::path target = output;
  std::error_code ec;
  for (int hops = 0; fs::is_symlink(target, ec); ++hops) {
    if (hops == 40)
      throw Error(ErrorKind::Usage, "De symbolische koppeling " + output.string() +
                                        " verwijst in een kring; kies een ander uitvoerbestand");
    // Like the kernel's protected_symlinks, but everywhere: a link someone else made (in a
    // folder writable for all, say) is not followed — it could lead a root run onto any file.
    if (!platform::isTrustedLink(target))
      throw Error(ErrorKind::Usage, "De symbolische koppeling " + target.string() +
                                        " is van een andere gebruiker; Raadsbrief volgt die niet. Geef het "
                                        "bestand zelf op, of een koppeling van uzelf.");
    const fs::path link = fs::read_symlink(target);
    target = link.is_absolute() ? link : target.parent_path() / link;
  }
  file.path = fs::weakly_canonical(target, ec);
  if (ec) file.path = target.lexically_normal();
  if (const auto id = platform::identityOf(file.path)) {
    file.exists = true;
    file.perms = id->perms;
    file.owner = id->owner;
    file.group = id->group;
    file.links = id->links;
    constexpr auto anyWrite = fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write;
    // Root may write anything: the mode bits alone say "read-only" then.
    file.readOnly = (file.perms & anyWrite) == fs::perms::none || !id->writable;
  }
  return file;
}

void checkReplaceable(const OutputFile& file, bool force) {
  const fs::path folder = file.path.parent_path();
  std::error_code ec;
  if (fs::is_directory(folder, ec) && !platform::canCreateIn(folder))
    throw Error(ErrorKind::Office, "Raadsbrief kan het document niet opslaan: de map " + folder.string() +
                                       " is alleen-lezen. Kies een map waarin u mag schrijven, of vraag de "
                                       "beheerder om schrijfrechten op deze map.");
  if (file.exists && file.readOnly && !force)
    throw Error(ErrorKind::Usage, "Het bestand " + file.path.string() +
                                      " is alleen-lezen en wordt niet vervangen. Maak het eerst schrijfbaar, of "
                                      "vervang het toch met --force (in de service: de optie Force).");
}

fs::path temporaryBeside(const fs::path& target) {
  std::random_device random;
  for (;;) {
    const fs::path temp =
        target.parent_path() / fmt::format(".{}.raadsbrief-{}-{:08x}{:08x}.tmp", target.filename().string(),
                                           platform::processId(), random(), random());
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(temp, ec))) return temp;
  }
}

void keepIdentity(const fs::path& temp, const OutputFile& original) {
  if (!original.exists) return;
  std::error_code ec;
  // Owner first: chown clears set-id bits, the mode below sets them again.
  platform::copyOwnership(temp, original.owner, original.group);
  fs::permissions(temp, original.perms, fs::perm_options::replace, ec);
  if (ec)
    throw Error(ErrorKind::Office, "Kan de rechten van " + original.path.string() + " niet overnemen: " + ec.message());
}

}  // namespace raadsbrief::office
