#!/usr/bin/env python3
"""Writes a synthetic gateway project with 2,000 object creations of UsageSchema's spec types.

Usage: generate_consumer.py OUTPUT_DIR PACKAGE_VERSION

Every creation is complete and every constant valid, so the analyzers do all their work (each
creation is read, each assignment's constant checked) and report nothing: the common case. One
file holds a single long method where 100 objects are built step by step and escape only at its
end, the worst case for the straight-line reading.
"""
import os
import sys

out, version = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

files, methods_per_file = 19, 10  # 190 methods x 10 creations = 1,900; the long method adds 100.

with open(os.path.join(out, "AnalyzerBuild.Consumer.csproj"), "w") as f:
    f.write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="UsageSchema" Version="{version}" />
  </ItemGroup>
  <!-- -p:WithoutUsageSchemaAnalyzers=true: the same build without the analyzers and code fixes (the generator stays). -->
  <Target Name="RemoveUsageSchemaAnalyzers" BeforeTargets="CoreCompile" Condition="'$(WithoutUsageSchemaAnalyzers)' == 'true'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'UsageSchema.Analyzers' or '%(Filename)' == 'UsageSchema.CodeFixes'" />
    </ItemGroup>
  </Target>
  <!-- -p:WithoutUsageSchemaComponents=true: without any Roslyn component of the package (the generator and its SpecProblemAnalyzer too): the plain reference to the library. -->
  <Target Name="RemoveUsageSchemaComponents" BeforeTargets="CoreCompile" Condition="'$(WithoutUsageSchemaComponents)' == 'true'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'UsageSchema.Analyzers' or '%(Filename)' == 'UsageSchema.CodeFixes' or '%(Filename)' == 'UsageSchema.Generators' or '%(Filename)' == 'YamlDotNet'" />
    </ItemGroup>
  </Target>
</Project>
""")

for name in ("Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"):
    with open(os.path.join(out, name), "w") as f:
        f.write("<Project />\n")

with open(os.path.join(out, ".editorconfig"), "w") as f:
    f.write("root = true\n")

creations = 0
for file_index in range(files):
    lines = [
        "using UsageSchema.Amie;",
        "using UsageSchema.GatewayAttributes;",
        "using UsageSchema.Perseus;",
        "",
        "namespace Consumer;",
        "",
        f"public static class Records{file_index}",
        "{",
    ]
    for m in range(methods_per_file):
        n = file_index * methods_per_file + m
        lines += f"""    public static object[] Build{m}(string user, List<ComputeAttributes> sink)
    {{
        var message = new ComputeUsageMessage
        {{
            Records =
            {{
                new ComputeUsageRecord
                {{
                    Username = user,
                    LocalProjectId = "csd{n}",
                    LocalRecordId = "{n}",
                    Resource = "expanse.sdsc.access-ci.org",
                    SubmitTime = "2024-03-01T08:15:00-08:00",
                    StartTime = "2024-03-01T08:20:12-08:00",
                    EndTime = "2024-03-01T10:20:12.5Z",
                    Charge = "{n}.5",
                    Attributes = new ComputeAttributes {{ NodeCount = {n % 64 + 1}, CpuCoreCount = 128, Queue = "compute" }},
                }},
            }},
        }};
        var storage = new StorageUsageRecord();
        storage.Username = user;
        storage.LocalProjectId = "csd{n}";
        storage.LocalRecordId = "s{n}";
        storage.Resource = "expanse-projects.sdsc.access-ci.org";
        storage.CollectionTime = "2024-03-31T23:59:59+00:00";
        storage.Charge = "-1.5";
        var report = new UsageReport
        {{
            ProjectOid = "65e1f0c2a9b34d0012c4e7a1",
            ComputeProjectId = "hpc-prf-demo",
            ResourceId = "noctua2-cpu",
            Start = "2024-03-01T00:00:00+01:00",
            End = "2024-03-02T00:00:00+01:00",
            Value = {n}.25,
        }};
        var job = new JobAttributes {{ GatewayUser = user, XsedeResourceName = "expanse.sdsc.xsede.org", JobId = "{n}", SubmitTime = "2024-03-01 08:15:00 -08:00" }};
        var adjustment = new AdjustmentUsageRecord
        {{
            AdjustmentType = AdjustmentType.Refund,
            Charge = "10",
            StartTime = "2024-03-01T08:15:00Z",
            LocalProjectId = "csd{n}",
            LocalRecordId = "a{n}",
            Resource = "expanse.sdsc.access-ci.org",
            Username = user,
        }};
        sink.Add(new ComputeAttributes {{ NodeCount = 1 }});
        sink.Add(new ComputeAttributes {{ NodeCount = 2, Memory = 1024 }});
        sink.Add(new() {{ NodeCount = 3 }});
        return [message, storage, report, job, adjustment];
    }}

""".split("\n")
        creations += 10
    lines[-1:] = ["}", ""]
    with open(os.path.join(out, f"Records{file_index}.cs"), "w") as f:
        f.write("\n".join(lines))

long_method = ["using UsageSchema.Amie;", "", "namespace Consumer;", "", "public static class StepByStep", "{",
               "    public static List<ComputeAttributes> BuildAll()", "    {"]
for i in range(100):
    long_method += [f"        var a{i} = new ComputeAttributes();", f"        a{i}.NodeCount = {i + 1};", f"        a{i}.Queue = \"q{i}\";"]
long_method += ["        return [" + ", ".join(f"a{i}" for i in range(100)) + "];", "    }", "}", ""]
creations += 100
with open(os.path.join(out, "StepByStep.cs"), "w") as f:
    f.write("\n".join(long_method))

print(creations)
