#pragma once
// The settings of Tools ▸ Options ▸ Raadsbrief in LibreOffice's configuration
// (/nl.raadsbrief.Raadsbrief/Settings, schema extension/registration/Raadsbrief.xcs).
#include <com/sun/star/uno/XComponentContext.hpp>

#include "settings/Settings.hpp"

namespace raadsbrief::office {

inline constexpr const char* kSettingsPath = "/nl.raadsbrief.Raadsbrief/Settings";

/// The stored settings; the defaults when the configuration cannot be read (never throws).
[[nodiscard]] settings::Settings readSettings(const css::uno::Reference<css::uno::XComponentContext>& context) noexcept;

/// Validates and stores the settings (one commit). Throws Error(Usage) for invalid settings,
/// css::uno::Exception when the configuration refuses.
void writeSettings(const css::uno::Reference<css::uno::XComponentContext>& context, const settings::Settings& values);

}  // namespace raadsbrief::office
