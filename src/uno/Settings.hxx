#pragma once
// The settings of Tools ▸ Options ▸ Raadsbrief in LibreOffice's configuration
// (/nl.raadsbrief.Raadsbrief/Settings, schema extension/registration/Raadsbrief.xcs).
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include "settings/Settings.hpp"

namespace raadsbrief::office {

inline constexpr const char* kSettingsPath = "/nl.raadsbrief.Raadsbrief/Settings";

/// The stored settings; the defaults when the configuration cannot be read (never throws).
[[nodiscard]] settings::Settings readSettings(const css::uno::Reference<css::uno::XComponentContext>& context) noexcept;

/// Validates and stores the settings (one commit). Throws Error(Usage) for invalid settings,
/// css::uno::Exception when the configuration refuses.
void writeSettings(const css::uno::Reference<css::uno::XComponentContext>& context, const settings::Settings& values);

inline constexpr const char* kDialogsPath = "/nl.raadsbrief.Raadsbrief/Dialogs";

/// The CBS code of the municipality last chosen in a dialog, "" when none (never throws).
[[nodiscard]] rtl::OUString readLastMunicipality(
    const css::uno::Reference<css::uno::XComponentContext>& context) noexcept;

/// Remembers the municipality the user chose in a dialog. Not being able to is no reason to fail
/// the command: never throws.
void rememberMunicipality(const css::uno::Reference<css::uno::XComponentContext>& context,
                          const rtl::OUString& code) noexcept;

}  // namespace raadsbrief::office
