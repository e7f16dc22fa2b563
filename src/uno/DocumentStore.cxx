#include "DocumentStore.hxx"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XStorable.hpp>

#include <algorithm>
#include <cctype>

#include "OutputFile.hxx"

namespace raadsbrief::office {

namespace fs = std::filesystem;

std::string filterFor(const fs::path& output) {
  std::string ext = output.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".odt") return "writer8";
  if (ext == ".pdf") return "writer_pdf_Export";
  if (ext == ".docx") return "MS Word 2007 XML";
  throw Error(ErrorKind::Usage, "Onbekend uitvoerformaat '" + ext + "': gebruik .odt, .pdf of .docx");
}

void storeAtomically(const Reference<css::lang::XComponent>& component, const fs::path& output,
                     const GenerationOptions& options) {
  const std::string filter = filterFor(output);
  const OutputFile target = inspectOutput(output);
  if (!fs::is_directory(target.path.parent_path()))
    throw Error(ErrorKind::NotFound, "Map bestaat niet: " + target.path.parent_path().string());
  checkReplaceable(target, options.force);
  // A private folder beside the target holds the new file until the rename, and whatever
  // LibreOffice makes beside a file it stores ("lu….tmp" of a PDF export): a killed office
  // leaves one folder of a known name (the CLI removes it), nothing of LibreOffice's own.
  const fs::path temp = temporaryBeside(target.path);
  std::error_code made;
  if (!fs::create_directory(temp, made))
    throw Error(ErrorKind::Office, "LibreOffice kon het document niet opslaan als " + output.string() +
                                       " (is de map schrijfbaar, de schijf niet vol en de naam niet te lang?)");
  fs::permissions(temp, fs::perms::owner_all, fs::perm_options::replace, made);
  const fs::path stored = temp / target.path.filename();
  const OUString tempUrl = toOU(fileUrl(stored.string()));
  auto args = seqOf<css::beans::PropertyValue>({prop("FilterName", Any(toOU(filter))), prop("Overwrite", Any(true))});
  if (filter == "writer_pdf_Export") {
    // Tagged and PDF/UA (accessible), the title in the window bar; PDF/A-2b on request.
    const auto pdf = seqOf<css::beans::PropertyValue>(
        {prop("UseTaggedPDF", Any(true)), prop("PDFUACompliance", Any(true)), prop("ExportBookmarks", Any(true)),
         prop("DisplayPDFDocumentTitle", Any(true)), prop("SelectPdfVersion", Any(sal_Int32(options.pdfA ? 2 : 0)))});
    args = seqOf<css::beans::PropertyValue>({args[0], args[1], prop("FilterData", Any(pdf))});
  }
  try {
    try {
      Reference<css::frame::XStorable>(component, UNO_QUERY_THROW)->storeToURL(tempUrl, args);
    } catch (const css::uno::Exception&) {
      // LibreOffice's message is an internal code ("SfxBaseModel::impl_store … 0x507"): say it plainly.
      throw Error(ErrorKind::Office, "LibreOffice kon het document niet opslaan als " + output.string() +
                                         " (is de map schrijfbaar, de schijf niet vol en de naam niet te lang?)");
    }
    keepIdentity(stored, target);
    fs::rename(stored, target.path);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    throw;
  }
  std::error_code ignored;
  fs::remove_all(temp, ignored);
}

}  // namespace raadsbrief::office
