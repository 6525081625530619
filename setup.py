"""Build hook: the example specs (``examples/*.yaml``) ship inside the package as
``nnviz_core/examples/``, so ``nnviz serve`` offers them as templates once installed. They are
copied at build time from their one home in the repository, so the two never drift; a source
checkout reads ``examples/`` itself (:mod:`nnviz_core.serve.templates`)."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithExamples(build_py):
    """``build_py`` that also copies ``examples/*.yaml`` into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's examples/
        target = Path(self.build_lib) / "nnviz_core" / "examples"
        self.mkpath(str(target))
        for spec in sorted(Path(__file__).resolve().parent.glob("examples/*.yaml")):
            self.copy_file(str(spec), str(target / spec.name))


setup(cmdclass={"build_py": BuildWithExamples})
